import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Icon } from '../../ui/Icon.tsx';
import { useStore } from '../../ui/useStore.ts';
import type { RoomSession } from '../RoomSession.ts';

/** How long "back online" stays up once everything is stored. */
const BACK_SHOWN_MS = 4000;
/** How long a refusal toast stays up. */
const NOTICE_SHOWN_MS = 8000;

/**
 * The room's connection, said where the person is looking: a banner while the server is out of
 * reach (edits go on and are kept; the count is what the server has not stored yet), a short
 * "back" note when it returns, a refusal of the invite, and toasts for refused actions.
 */
export function RoomBanner({ session }: { session: RoomSession }): JSX.Element | null {
  const view = useStore(session.view);
  const notices = useStore(session.notices);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    if (view.backAt === undefined) return;
    const timer = setTimeout(() => setNow(Date.now()), BACK_SHOWN_MS + 50);
    return () => clearTimeout(timer);
  }, [view.backAt, view.unstored]);

  useEffect(() => {
    const oldest = notices[0];
    if (!oldest) return;
    const timer = setTimeout(() => session.dismiss(oldest.id), NOTICE_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notices]);

  const offline = view.phase === 'offline' || (view.phase === 'connecting' && view.you !== undefined);
  const back = !offline && view.phase === 'joined' && view.backAt !== undefined && (view.unstored > 0 || now - view.backAt < BACK_SHOWN_MS);
  const edits = `${view.unstored} edit${view.unstored === 1 ? '' : 's'}`;

  return (
    <div class="room-banner-stack">
      {view.phase === 'refused' ? (
        <div class="room-banner tone-fail" role="alert" data-testid="room-refused">
          <Icon name="alert" size={14} /> {view.refusal ?? 'The room refused this invite.'}
        </div>
      ) : null}
      {offline ? (
        <div class="room-banner tone-warn" role="status" data-testid="room-offline" data-unstored={view.unstored}>
          <Icon name="cloud" size={14} /> Offline — your edits are kept and will merge when the connection is back.
          {view.unstored > 0 ? <span class="room-banner-count">{edits} not on the server yet</span> : null}
        </div>
      ) : null}
      {back ? (
        <div class="room-banner tone-ok" role="status" data-testid="room-back" data-unstored={view.unstored}>
          <Icon name="check" size={14} /> Back online.{' '}
          {view.unstored > 0 ? `Merging ${edits} made while offline…` : 'Everything you typed is merged and stored.'}
        </div>
      ) : null}
      {notices.map((notice) => (
        <div key={notice.id} class="room-toast" role="alert" data-testid="room-notice" data-code={notice.code}>
          <Icon name="alert" size={14} />
          <span>{notice.message}</span>
          <button class="icon-button" aria-label="Dismiss" onClick={() => session.dismiss(notice.id)}>
            <Icon name="close" size={12} />
          </button>
        </div>
      ))}
    </div>
  );
}
