import { PowerListSubjects } from '@qinglian/contracts';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { PowerListModule } from './power-list.module';

// Every request subject power-list declares in libs/contracts must have a handler here; a subject
// without one would leave the gateway waiting for a reply that never comes.
describe('power-list handles every subject it declares', () => {
  it('has one message handler per PowerListSubjects entry (health is the platform\'s)', () => {
    const controllers = (Reflect.getMetadata('controllers', PowerListModule) ?? []) as (new (...a: never[]) => object)[];
    const handled = controllers.flatMap((c) =>
      Object.getOwnPropertyNames(c.prototype).flatMap((m) => {
        const patterns = Reflect.getMetadata(PATTERN_METADATA, (c.prototype as Record<string, object>)[m] ?? {}) as string[] | undefined;
        return patterns ?? [];
      }),
    );
    const declared = Object.values(PowerListSubjects).filter((s) => s !== PowerListSubjects.health);
    expect([...handled].sort()).toEqual([...declared].sort());
  });
});
