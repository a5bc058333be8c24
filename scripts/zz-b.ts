import { benchBrowserCity } from './benchBrowser';
console.log(await benchBrowserCity(process.argv[2]!));
