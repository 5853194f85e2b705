import { it } from 'vitest';
import { rng } from './fixtures/rng.js';
import { SECRET_FORMATS } from './fixtures/secrets.js';
import { createRedactor } from './redactor.js';
import { looksRandom } from './text/entropy.js';
import { isSecretValue } from './detectors/assignment-value.js';
const redactor = createRedactor({ homeDir: '/home/nobody-here', userName: 'nobody-here' });
it('debug', () => {
  for (const seed of [-1297279000, -1396031693]) {
    const s = SECRET_FORMATS.find((x) => x.name === 'Kubernetes secret data')!.generate(rng(seed));
    console.log(
      s.secret,
      looksRandom(s.secret),
      isSecretValue(s.secret, false, false),
      Buffer.from(s.secret, 'base64').toString(),
    );
  }
  const t =
    'AAAAAAA= iVBORw0KGgoAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABJBZ2BSFXBCDDBLV3rGWCpQNEHH4EcTdeaMlm';
  console.log(JSON.stringify(redactor.scan(t)));
});
