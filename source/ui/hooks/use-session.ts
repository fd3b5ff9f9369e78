import {useSyncExternalStore} from 'react';
import type {LoadSession, SessionSnapshot} from '../session/load-session.js';

export function useSession<Data>(session: LoadSession<Data>): SessionSnapshot<Data> {
	return useSyncExternalStore(session.subscribe, session.getSnapshot);
}
