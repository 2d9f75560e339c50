// The entry of the standalone bundle (`vite build`): the library plus its stylesheet, which
// comes out as `styles.css` beside the script. React and ReactDOM stay external.
import './src/styles.css';
export * from './src/index.js';
