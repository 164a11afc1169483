import { Fragment } from 'react';
import type { LabelDef } from '../../shared/types';
import { shortcutSheet } from '../app/keys';
import { Dialog } from './Dialog';

/** Every shortcut, read from the key table that handles the keys, with the project's label keys. */
export function ShortcutSheet({ labels, onClose }: { labels: readonly LabelDef[]; onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" testId="shortcut-sheet" onClose={onClose} wide>
      <div className="sw-sheet">
        {shortcutSheet(labels).map((group) => (
          <section key={group.title} className="sw-sheet-group">
            <h3>{group.title}</h3>
            <dl className="sw-keys">
              {group.rows.map((row) => (
                <Fragment key={row.description + row.chords.join()}>
                  <dt>
                    {row.chords.map((keys, index) => (
                      <Fragment key={keys.join('+')}>
                        {index > 0 && <span className="sw-joiner"> {row.joiner} </span>}
                        <span className="sw-chord">
                          {keys.map((key, at) => (
                            <Fragment key={key}>
                              {at > 0 && '+'}
                              <kbd>{key}</kbd>
                            </Fragment>
                          ))}
                        </span>
                      </Fragment>
                    ))}
                  </dt>
                  <dd>{row.description}</dd>
                </Fragment>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="sw-help">Ctrl is Cmd on a Mac. Keys do nothing while you type in a field; Esc leaves it.</p>
    </Dialog>
  );
}
