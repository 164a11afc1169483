import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  testId: string;
  /** Omitted when the dialog must be answered (no name yet, no project yet). */
  onClose?: () => void;
  /** Room for a sheet with columns, such as the keyboard shortcuts. */
  wide?: boolean;
  children: ReactNode;
}

/**
 * A modal box over the app; focuses its first field (or itself, when it has none, so Escape
 * reaches it) and closes on Escape when it may.
 */
export function Dialog({ title, testId, onClose, wide = false, children }: DialogProps) {
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    (box.current?.querySelector<HTMLElement>('input, button:not(.sw-dialog-close)') ?? box.current)?.focus();
  }, []);

  return (
    <div className="sw-overlay">
      <div
        ref={box}
        className={wide ? 'sw-dialog sw-dialog-wide' : 'sw-dialog'}
        tabIndex={-1}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && onClose) {
            event.stopPropagation();
            onClose();
          }
        }}
      >
        <div className="sw-dialog-head">
          <h2 id={titleId}>{title}</h2>
          {onClose && (
            <button type="button" className="sw-dialog-close sw-quiet" onClick={onClose} aria-label="Close">
              ×
            </button>
          )}
        </div>
        {children}
      </div>
    </div>
  );
}
