// Launches Debian's chromium through playwright-core, headless, with WebGL2 on SwiftShader: the
// one place any test starts a browser (the page's tests here, the worker's in web/tests, the npm
// package's page in tests/package/npm), so a flag a machine needs is added once.
import {chromium} from 'playwright-core';

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
           '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
}
