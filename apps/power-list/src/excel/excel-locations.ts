import { type BundleLocations, type CellLocation, type PowerListBundle, type RowLocation } from './excel-bundle';
import { BLOCK_SHEET, CADENCE_SHEET, DUTY_SHEET, headerOf, ITEM_SHEET, LIST_SHEET, STEP_SHEET } from './excel-sheets';

/** The rows the reader took each entry from; arrays are aligned with the bundle's arrays. */
export class LocationIndex {
  readonly units = new Map<string, RowLocation>();
  readonly posts = new Map<string, RowLocation>();
  readonly items = new Map<string, RowLocation>();
  /** By item code: the rows of its steps in flow order. */
  readonly steps = new Map<string, RowLocation[]>();
  /** By item code: the rows of its shared blocks in `sharedBlocks` order. */
  readonly blocks = new Map<string, RowLocation[]>();
  readonly lists = new Map<string, RowLocation>();
  /** By list code: the rows of its duties in order. */
  readonly duties = new Map<string, RowLocation[]>();
  /** By list code and duty number: the rows of the duty's cadences in order. */
  readonly cadences = new Map<string, RowLocation[]>();

  static cadenceKey(listCode: string, dutyNumber: number): string {
    return `${listCode}\u0000${dutyNumber}`;
  }

  /** Answers for the bundle the reader built (its shared block ids and evidence decide some cells). */
  locations(bundle: PowerListBundle): BundleLocations {
    const itemByCode = new Map(bundle.powerItems.map((i) => [i.code, i]));
    const listByCode = new Map(bundle.responsibilityLists.map((l) => [l.code, l]));
    const step = (itemCode: string, order: number) => this.steps.get(itemCode)?.[order - 1];
    const duty = (listCode: string, number: number) => this.duties.get(listCode)?.[number - 1];
    const cadence = (listCode: string, dutyNumber: number, index: number) => this.cadences.get(LocationIndex.cadenceKey(listCode, dutyNumber))?.[index];
    const blockAt = (itemCode: string, index: number) => this.blocks.get(itemCode)?.[index];
    const cell = (at: RowLocation | undefined, column: string | null): CellLocation | undefined => (at ? { ...at, column } : undefined);
    return {
      unit: (code) => this.units.get(code),
      post: (code) => this.posts.get(code),
      powerItem: (code) => this.items.get(code),
      step,
      sharedBlock: (itemCode, blockId) => {
        const index = itemByCode.get(itemCode)?.flow?.sharedBlocks?.findIndex((b) => b.id === blockId) ?? -1;
        return blockAt(itemCode, index);
      },
      list: (code) => this.lists.get(code),
      duty,
      cadence,
      powerItemField: (code, field) => {
        const [head, collection, index, sub] = path(field);
        if (head !== 'flow') return cell(this.items.get(code), headerOf(ITEM_SHEET, head));
        if (collection === 'steps' && index !== undefined) return cell(step(code, Number(index) + 1), headerOf(STEP_SHEET, sub));
        if (collection === 'sharedBlocks' && index !== undefined) return cell(blockAt(code, Number(index)), headerOf(BLOCK_SHEET, sub));
        return cell(this.items.get(code), null);
      },
      listField: (code, field) => {
        const [head, dutyIndex, collection, index, sub] = path(field);
        if (head !== 'duties') return cell(this.lists.get(code), headerOf(LIST_SHEET, head));
        if (dutyIndex === undefined) return cell(this.lists.get(code), null);
        const number = Number(dutyIndex) + 1;
        if (collection === 'cadence' && index !== undefined) return cell(cadence(code, number, Number(index)), headerOf(CADENCE_SHEET, sub));
        if (collection === 'evidence' && index !== undefined) {
          // Stated and inferred evidence sit in two columns.
          const stated = listByCode.get(code)?.duties[number - 1]?.evidence?.[Number(index)]?.stated === true;
          return cell(duty(code, number), headerOf(DUTY_SHEET, stated ? 'statedEvidence' : 'inferredEvidence'));
        }
        return cell(duty(code, number), headerOf(DUTY_SHEET, collection));
      },
    };
  }
}

/** `flow.steps[2].actor.ref` and `flow.steps.2.actor.ref` alike → ['flow', 'steps', '2', 'actor', 'ref']. */
function path(field: string): (string | undefined)[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '');
}
