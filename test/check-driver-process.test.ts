/**
 * How a driver's command is started: simple words without a shell, split as a POSIX shell
 * splits them; anything of the shell's own language by the shell.
 */

import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { commandWords } from '../check/run/driver-process.js';

describe('a simple command runs without a shell, its words split as the shell splits them', () => {
  test.each([
    ['python3 driver.py', ['python3', 'driver.py']],
    ['  /usr/bin/python3   conformance/drivers/tornado_driver.py --profile ', ['/usr/bin/python3', 'conformance/drivers/tornado_driver.py', '--profile']],
    ["node 'my drivers/lock.mjs' --name=\"a b\"", ['node', 'my drivers/lock.mjs', '--name=a b']],
    ['node my\\ drivers/lock.mjs', ['node', 'my drivers/lock.mjs']],
    ['java -jar "C:\\\\x\\"y.jar"', ['java', '-jar', 'C:\\x"y.jar']],
    ["echo ''", ['echo', '']],
    ['cargo run --offline --manifest-path=drivers/rust/Cargo.toml', ['cargo', 'run', '--offline', '--manifest-path=drivers/rust/Cargo.toml']],
  ])('%s', (command, words) => {
    expect(commandWords(command)).toEqual(words);
    // The shell agrees.
    expect(JSON.parse(execFileSync('sh', ['-c', `node -e 'console.log(JSON.stringify(process.argv.slice(1)))' ${command}`], { encoding: 'utf8' }))).toEqual(words);
  });
});

describe('a command in the shell language is left to the shell', () => {
  test.each([
    'node driver.js | tee log',
    'node driver.js 2>/dev/null',
    'node driver.js; exit 0',
    'cd drivers && python3 driver.py',
    'DEBUG=1 python3 driver.py',
    'python3 $HOME/driver.py',
    'python3 "$HOME/driver.py"',
    'python3 ~/driver.py',
    'python3 drivers/*.py',
    'python3 `which driver`',
    'exec python3 driver.py',
    'python3 driver.py # a comment',
    "python3 'unterminated",
    'python3 driver.py &',
    'python3 driver.py\npython3 other.py',
    '',
  ])('%j', (command) => {
    expect(commandWords(command)).toBeUndefined();
  });
});
