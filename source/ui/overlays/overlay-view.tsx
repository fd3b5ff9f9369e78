import React from 'react';
import {ExplainView} from './explain/explain-view.js';
import {InspectView} from './inspect/inspect-view.js';
import {LargestView} from './largest/largest-view.js';
import type {OverlayViewProps} from './overlay-view-props.js';
import {PlatformsView} from './platforms/platforms-view.js';
import {StoryView} from './story/story-view.js';

/** The open overlay's view, in the explorer's body. */
export function OverlayView({state, overlay, width, rows}: OverlayViewProps) {
	switch (overlay.kind) {
		case 'largest':
			return <LargestView state={state} overlay={overlay} width={width} rows={rows} />;
		case 'story':
			return <StoryView state={state} overlay={overlay} width={width} rows={rows} />;
		case 'inspect':
			return <InspectView state={state} overlay={overlay} width={width} rows={rows} />;
		case 'platforms':
			return <PlatformsView state={state} overlay={overlay} width={width} rows={rows} />;
		case 'explain':
			return <ExplainView state={state} overlay={overlay} width={width} rows={rows} />;
	}
}
