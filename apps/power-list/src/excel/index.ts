export {
  type BundleLocations,
  type BundlePost,
  type BundleUnit,
  type CellLocation,
  normaliseBundle,
  type PowerListBundle,
  type RowLocation,
} from './excel-bundle';
export { readWorkbook, type ReadWorkbookResult, writeTemplate, writeWorkbook } from './excel-codec';
