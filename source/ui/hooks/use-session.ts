import {useSyncExternalStore} from 'react';
import type {LoadSession, SessionSnapshot} from '../session/load-session.js';

export function useSession(session: LoadSession): SessionSnapshot {
	return useSyncExternalStore(session.subscribe, session.getSnapshot);
}
