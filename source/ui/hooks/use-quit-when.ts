import {useEffect} from 'react';

/** The reducer only records a quit; leaving the app is a side effect, done here. */
export function useQuitWhen(quitting: boolean, onQuit: () => void): void {
	useEffect(() => {
		if (quitting) onQuit();
	}, [quitting, onQuit]);
}
