// predict.js and predict.d.ts: from `backprop export iris.json --format js -o predict.js`
import { classNames, predict, predictBatch } from './predict.js';

console.log(classNames.join(' ')); // prints: setosa versicolor virginica
console.log(predict([6.3, 3.3, 6.0, 2.5]).class); // prints: virginica
console.log(predictBatch([[5.1, 3.5, 1.4, 0.2], [7.0, 3.2, 4.7, 1.4]]).map((p) => p.class).join(' ')); // prints: setosa versicolor
