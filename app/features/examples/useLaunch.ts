import { useEffect, useState } from 'react';
import { useStudioStore } from '../../store/index';
import { currentQuery, planFromQuery, planFromShared, sharedSettings, type LaunchPlan } from './launch';
import { SHARE_PREFIX, decodeShare } from './share';
import type { StudioState } from '../../store/index';

/** Put a plan into the store. */
export function applyPlan(plan: LaunchPlan): void {
  const state = useStudioStore.getState();
  if (plan.source !== undefined) state.setSource(plan.source);
  if (plan.fileName !== undefined) state.setFileName(plan.fileName);
  state.applySetup(plan.setup);
}

/** The query string is read once per page load (StrictMode mounts effects twice). */
let queryApplied = false;

/** The source and settings a share fragment put on screen; the fragment goes once they change. */
let sharedShown: string | undefined;

const shownBy = (state: StudioState): string => JSON.stringify([state.source, sharedSettings(state)]);

/** Keep the address a description of what is on screen: drop the parts the user has changed since. */
function followState(state: StudioState): void {
  const search = currentQuery(location.search, state);
  let hash = location.hash;
  if (hash.startsWith(SHARE_PREFIX) && sharedShown !== undefined && sharedShown !== shownBy(state)) {
    hash = '';
    sharedShown = undefined;
  }
  if (search !== location.search || hash !== location.hash) history.replaceState(history.state, '', `${location.pathname}${search}${hash}`);
}

/**
 * Applies the page's address: the query parameters once at start-up, the share fragment at start-up and
 * whenever it changes (a link pasted into the same tab). Returns the messages about skipped parameters.
 */
export function useLaunch(): [messages: readonly string[], dismiss: () => void] {
  const [messages, setMessages] = useState<readonly string[]>([]);
  useEffect(() => {
    let current = true;
    const report = (more: readonly string[]) => {
      if (current && more.length > 0) setMessages((previous) => [...previous, ...more]);
    };
    const applyFragment = async () => {
      if (!location.hash.startsWith(SHARE_PREFIX)) return;
      try {
        const plan = planFromShared(await decodeShare(location.hash));
        if (!current) return;
        applyPlan(plan);
        sharedShown = shownBy(useStudioStore.getState());
        report(plan.messages);
      } catch (error) {
        report([error instanceof Error ? error.message : String(error)]);
      }
    };
    if (!queryApplied) {
      queryApplied = true;
      const plan = planFromQuery(location.search);
      applyPlan(plan);
      report(plan.messages);
    }
    void applyFragment();
    const onHashChange = () => void applyFragment();
    window.addEventListener('hashchange', onHashChange);
    const unsubscribe = useStudioStore.subscribe(followState);
    return () => {
      current = false;
      window.removeEventListener('hashchange', onHashChange);
      unsubscribe();
    };
  }, []);
  return [messages, () => setMessages([])];
}
