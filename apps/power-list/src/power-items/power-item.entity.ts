import { PowerCategory } from '@qinglian/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'power_item' })
export class PowerItemEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', enum: PowerCategory }) category!: PowerCategory;
  @Column({ name: 'handling_unit_id', type: 'uuid' }) handlingUnitId!: string;
  @Column({ name: 'legal_basis', type: 'text' }) legalBasis!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
