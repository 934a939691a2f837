/** The examples gallery, the page address (?example=, setup parameters, share links) and the share button. */
export { ExamplesMenu } from './ExamplesMenu';
export { ShareButton } from './ShareButton';
