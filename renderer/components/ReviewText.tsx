import { useEffect, useMemo, useRef } from 'react';
import type { ReviewAnnotator, ReviewItem, ReviewView } from '../../shared/review';
import type { LabelDef, Span } from '../../shared/types';
import { hasTitleLine } from '../editor/article';
import { labelClass } from '../editor/labelStyles';
import { barLabel, layoutLines, type Chunk } from '../review/lanes';

interface ReviewTextProps {
  view: ReviewView;
  labels: readonly LabelDef[];
  itemId: string | null;
  onFocusItem: (itemId: string) => void;
}

/** A lane of the review text: one annotator who worked on the document, or gold. */
interface Lane {
  key: string;
  /** What the gutter shows: initials, or "Gold". */
  mark: string;
  /** What each bar's tag starts with, so a lane is known on every line: initials, or ★ for gold. */
  tagMark: string;
  name: string;
  spans: readonly Span[];
}

/**
 * The document once, with every annotator's spans under it: one lane per annotator (marked by
 * their initials in the gutter, in the review's order) and one for gold, each bar in the label's
 * colour and carrying the label's name. Open items are tinted, the one in focus outlined.
 */
export function ReviewText({ view, labels, itemId, onFocusItem }: ReviewTextProps) {
  const root = useRef<HTMLDivElement>(null);
  const lanes = useMemo(() => lanesOf(view), [view]);
  const lines = useMemo(() => layoutLines(view.document.text, lanes.map((lane) => lane.spans)), [view, lanes]);
  const current = view.items.find((item) => item.id === itemId) ?? null;
  const titled = hasTitleLine(view.document.text, view.document.title);

  useEffect(() => {
    root.current?.querySelector('.rv-current')?.scrollIntoView({ block: 'center' });
  }, [itemId, view]);

  const pick = (chunk: Chunk) => {
    const under = view.items.filter((item) => overlaps(item, chunk));
    const target = under.find((item) => item.id === itemId) ?? under[0];
    if (target) onFocusItem(target.id);
  };

  return (
    <div ref={root} className="rv-text" data-testid="review-text">
      {lines.map((line, index) =>
        line.words.length === 0 ? (
          <div key={line.start} className="rv-blank" />
        ) : (
          <div key={line.start} className={`rv-line${index === 0 && titled ? ' rv-title' : ''}`}>
            <div className="rv-gutter" aria-hidden="true">
              <span className="rv-gutter-text" />
              {line.tracks.map((track) => (
                <span key={`${track.lane}.${track.row}`} className={`rv-gutter-cell${lanes[track.lane].key === 'gold' ? ' rv-lane-gold' : ''}`}>
                  {track.row === 0 ? lanes[track.lane].mark : ''}
                </span>
              ))}
            </div>
            <div className="rv-words" dir="auto">
              {line.words.map((word) => (
                <span key={word[0].start} className="rv-word">
                  {word.map((chunk) => (
                    <span key={chunk.start} className={chunkClass(chunk, current, view.items)} onClick={() => pick(chunk)}>
                      <span className="rv-chunk-text">{chunk.text}</span>
                      {chunk.bars.map((bar, track) => {
                        const lane = lanes[line.tracks[track].lane];
                        return bar ? (
                          <span
                            key={track}
                            className={`rv-bar rv-bar-on ${labelClass(labels, bar.span.label)}${lane.key === 'gold' ? ' rv-lane-gold' : ''}`}
                            title={`${lane.name}: ${bar.span.label} “${bar.span.text}”`}
                            data-lane={lane.key}
                            data-label={bar.span.label}
                          >
                            {bar.first && (
                              <span className="rv-tag">
                                <span className="rv-tag-mark">{lane.tagMark}</span> {barLabel(bar.span, lane.tagMark)}
                              </span>
                            )}
                          </span>
                        ) : (
                          <span key={track} className={`rv-bar${lane.key === 'gold' ? ' rv-lane-gold' : ''}`} />
                        );
                      })}
                    </span>
                  ))}
                </span>
              ))}
            </div>
          </div>
        ),
      )}
    </div>
  );
}

/** The annotators who worked on the document, in the review's order, then gold. */
function lanesOf(view: ReviewView): Lane[] {
  const annotators = view.annotators.filter((a: ReviewAnnotator) => Object.hasOwn(view.layers, a.id));
  return [
    ...annotators.map((a) => ({ key: a.id, mark: a.initials, tagMark: a.initials, name: `${a.name} (${a.initials})`, spans: view.layers[a.id] })),
    { key: 'gold', mark: 'Gold', tagMark: '★', name: 'Gold', spans: view.gold },
  ];
}

function overlaps(item: ReviewItem, chunk: Chunk): boolean {
  return item.start < chunk.end && chunk.start < item.end;
}

function chunkClass(chunk: Chunk, current: ReviewItem | null, items: readonly ReviewItem[]): string {
  if (current && overlaps(current, chunk)) return 'rv-chunk rv-current';
  return items.some((item) => overlaps(item, chunk)) ? 'rv-chunk rv-open' : 'rv-chunk';
}
