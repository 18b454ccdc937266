/** The consistency harness's schema (`../schema.ts`) as TypeORM entities; explicit column types. */
import 'reflect-metadata'
import { Column, Entity, PrimaryColumn } from 'typeorm'

@Entity('author')
export class Author {
  @PrimaryColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int' })
  version!: number

  @Column({ type: 'varchar' })
  name!: string
}

@Entity('post')
export class Post {
  @PrimaryColumn({ type: 'int' })
  id!: number

  @Column({ type: 'int' })
  version!: number

  @Column({ type: 'int' })
  authorId!: number

  @Column({ type: 'varchar' })
  title!: string
}
