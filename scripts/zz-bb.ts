import { benchBrowserCity } from './benchBrowser';
import { syntheticCity } from './benchCommands';
const city = syntheticCity(100_000);
for (let i = 0; i < 3; i++) console.log(JSON.stringify(await benchBrowserCity(city)));
