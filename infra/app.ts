import { buildApp } from './build';

buildApp().synth();
