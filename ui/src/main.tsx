import { render } from 'preact';
import { App } from './app.js';
import './styles/base.css';
import './styles/list.css';
import './styles/session.css';
import './styles/timeline.css';
import './styles/code.css';
import './styles/blame.css';
import './styles/activity.css';

render(<App />, document.getElementById('app')!);
