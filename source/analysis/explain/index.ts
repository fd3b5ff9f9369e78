/** Explain: plain sentences about a path, a layer and the image, for the explorer's `e`. */
export {explainPath} from './explain-path.js';
export {explainLayer} from './explain-layer.js';
export {explainImage} from './explain-image.js';
export {colourWord, sentenceText, type Part, type Sentence} from './sentence.js';
