import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';

/**
 * A modal question with two answers (the browser's own <dialog>: focus stays inside, Esc is
 * "cancel"). The confirming button says what it does ("Remove provider"); the other keeps things
 * as they are. Focus starts on the safe answer and goes back where it was when the dialog closes.
 */
export function ConfirmDialog({
  title,
  children,
  confirm,
  cancel = 'Cancel',
  danger = true,
  onAnswer,
}: {
  title: string;
  children?: ReactNode;
  confirm: string;
  cancel?: string;
  danger?: boolean;
  onAnswer(confirmed: boolean): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const safe = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    safe.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby="confirm-title"
      onCancel={(event) => {
        event.preventDefault();
        onAnswer(false);
      }}
    >
      <h3 id="confirm-title">{title}</h3>
      {children && <div className="confirm-body">{children}</div>}
      <div className="toolbar end">
        <button type="button" ref={safe} onClick={() => onAnswer(false)}>
          {cancel}
        </button>
        <button type="button" className={danger ? 'danger' : 'primary'} onClick={() => onAnswer(true)}>
          {confirm}
        </button>
      </div>
    </dialog>
  );
}
