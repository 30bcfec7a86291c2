/** The data module's Node-only API: files, downloads, the file-backed built-ins and `loadDataset`. */
export { readCsvFile, readIdxFile, readIdxPair, readMnistCsvFile, streamTextFile } from './files.js';
export { californiaHousing, fashionMnist, findImageFiles, FASHION_CLASSES, HOUSING_FEATURES, housingLocations, mnist } from './builtin-files.js';
export type { ImageLoadOptions } from './builtin-files.js';
export { defaultCacheDir, downloadFile, DownloadError, hashFile } from './download.js';
export type { DownloadOptions, RemoteFile } from './download.js';
export { downloadDataset, REMOTE_DATASETS, tarEntry } from './remote.js';
export type { DownloadDatasetOptions, RemoteDatasetName } from './remote.js';
export { closestName, DATASET_NAMES, loadDataset } from './load.js';
export type { DatasetName, LoadedData, LoadOptions } from './load.js';
export { EMBEDDED_DIGITS, EMBEDDED_HOUSING, fashionMnistLocations, findFashionMnistDir } from './builtin-files.js';
