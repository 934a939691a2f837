import { useState } from 'react';
import { Button } from '../../components/Button';
import { useStudioStore } from '../../store/index';
import { sharedSettings } from './launch';
import { encodeShare } from './share';

/**
 * Share: a link holding the problem source and every setting (in the fragment, so it never reaches a
 * server), copied to the clipboard and shown for copying by hand.
 */
export function ShareButton() {
  const [link, setLink] = useState('');
  const [status, setStatus] = useState('');

  const share = async () => {
    const state = useStudioStore.getState();
    const url = `${location.origin}${location.pathname}${await encodeShare(state.source, sharedSettings(state))}`;
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Link copied to the clipboard.');
    } catch {
      setStatus('Copy the link below (the clipboard is not available here).');
    }
  };

  return (
    <div className="share">
      <Button testId="share.copy" onClick={() => void share()} title="Copy a link that opens this problem with these settings">
        Share
      </Button>
      {link ? (
        <div
          className="share-popover"
          role="dialog"
          aria-label="Share link"
          onKeyDown={(event) => {
            if (event.key === 'Escape') setLink('');
          }}
        >
          <p className="notice" role="status" data-testid="share.status">
            {status}
          </p>
          <input
            className="share-link"
            data-testid="share.link"
            readOnly
            value={link}
            aria-label="Share link"
            onFocus={(event) => event.target.select()}
          />
          <Button testId="share.close" onClick={() => setLink('')}>
            Close
          </Button>
        </div>
      ) : null}
    </div>
  );
}
