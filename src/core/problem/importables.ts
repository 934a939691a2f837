import * as library from '../index';
import * as models from '../models/index';
import { registerImportable } from './compile';

// What `import … from 'sibyl'` and `'sibyl/models'` mean inside a problem module. Thunks, because this file
// and the library's entry point import each other.
registerImportable('sibyl', () => library);
registerImportable('sibyl/models', () => models);
