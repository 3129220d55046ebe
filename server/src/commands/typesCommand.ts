import { allResourceTypes, resourceType } from '../knowledge/resourceTypes';
import { renderTypeCard, renderTypesLegend, typeEntry } from '../report/typesReport';
import { EXIT, single, UsageError, type Output, type ParsedArgs } from './args';

export function typesCommand(args: ParsedArgs, write: Output): number {
  const format = single(args, '--format', ['text', 'json']) ?? 'text';
  const unknown = args.positional.filter((t) => !resourceType(t));
  if (unknown.length) {
    throw new UsageError(`unknown resource type ${unknown.join(', ')} (use a CloudFormation type like AWS::S3::Bucket or a Terraform type like aws_s3_bucket)`);
  }
  const infos = args.positional.length ? args.positional.map((t) => resourceType(t)!) : allResourceTypes();
  if (format === 'json') write(JSON.stringify(infos.map(typeEntry), null, 2) + '\n');
  else if (args.positional.length) write([...infos.map(renderTypeCard), renderTypesLegend()].join('\n'));
  else write(infos.map((i) => `${i.type.padEnd(60)} ${i.model.padEnd(15)} ${i.serviceInfo.name}`).join('\n') + '\n');
  return EXIT.ok;
}
