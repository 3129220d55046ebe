import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { analyse, describeRule, verdicts } from '../../ruleHarness';

/** A CloudFormation template; `resources` is YAML text at the indentation of resource ids. */
const cfn = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
${resources}`;

const json = (resources: object) => JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: resources }, null, 2);

const tf = (body: string) => `variable "mode" {
  type = string
}

${body}`;

const SERVER = (props: string) => `  Server:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
${props}`;

// ------------------------------------------------------------------ IMDSv2

describeRule('ec2-imdsv2-required', {
  yaml: {
    resource: 'Server',
    fail: cfn(SERVER('      InstanceType: t3.micro\n')),
    pass: cfn(SERVER('      MetadataOptions:\n        HttpTokens: required\n')),
    unknown: cfn(SERVER('      MetadataOptions:\n        HttpTokens: !Ref Mode\n')),
  },
  json: {
    resource: 'Server',
    fail: json({ Server: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', MetadataOptions: { HttpTokens: 'optional' } } } }),
    pass: json({ Server: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', MetadataOptions: { HttpEndpoint: 'disabled' } } } }),
    unknown: json({ Server: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', MetadataOptions: { HttpTokens: { Ref: 'Mode' } } } } }),
  },
  terraform: {
    resource: 'aws_instance.web',
    fail: tf('resource "aws_instance" "web" {\n  ami           = "ami-1"\n  instance_type = "t3.micro"\n}\n'),
    pass: tf('resource "aws_instance" "web" {\n  ami = "ami-1"\n\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n'),
    unknown: tf('resource "aws_instance" "web" {\n  ami = "ami-1"\n\n  metadata_options {\n    http_tokens = var.mode\n  }\n}\n'),
  },
});

const TEMPLATE = (data: string) => `  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-12345678
${data}`;

describeRule('ec2-imdsv2-required', {
  yaml: {
    resource: 'Template',
    fail: cfn(TEMPLATE('        InstanceType: t3.micro\n')),
    pass: cfn(TEMPLATE('        MetadataOptions:\n          HttpTokens: required\n          HttpPutResponseHopLimit: 2\n')),
  },
  json: {
    resource: 'Template',
    fail: json({ Template: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { MetadataOptions: { HttpTokens: 'optional' } } } } }),
    pass: json({ Template: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required' } } } } }),
  },
  terraform: {
    resource: 'aws_launch_template.app',
    fail: tf('resource "aws_launch_template" "app" {\n  image_id = "ami-1"\n\n  metadata_options {\n    http_endpoint = "enabled"\n  }\n}\n'),
    pass: tf('resource "aws_launch_template" "app" {\n  image_id = "ami-1"\n\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n'),
    unknown: tf('resource "aws_launch_template" "app" {\n  image_id = "ami-1"\n\n  dynamic "metadata_options" {\n    for_each = [1]\n    content {\n      http_tokens = "required"\n    }\n  }\n}\n'),
  },
});

// An instance started from a launch template in the same template inherits its metadata options.
describeRule('ec2-imdsv2-required', {
  yaml: {
    resource: 'Server',
    fail: cfn(`${TEMPLATE('        InstanceType: t3.micro\n')}${SERVER('      LaunchTemplate:\n        LaunchTemplateId: !Ref Template\n        Version: !GetAtt Template.LatestVersionNumber\n')}`),
    pass: cfn(`${TEMPLATE('        MetadataOptions:\n          HttpTokens: required\n')}${SERVER('      LaunchTemplate:\n        LaunchTemplateId: !Ref Template\n        Version: "1"\n')}`),
    unknown: cfn(SERVER('      LaunchTemplate:\n        LaunchTemplateId: !Ref Mode\n        Version: "1"\n')),
  },
  terraform: {
    resource: 'aws_instance.web',
    fail: tf('resource "aws_launch_template" "app" {\n  image_id = "ami-1"\n}\n\nresource "aws_instance" "web" {\n  launch_template {\n    id = aws_launch_template.app.id\n  }\n}\n'),
    pass: tf('resource "aws_launch_template" "app" {\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n\nresource "aws_instance" "web" {\n  launch_template {\n    id = aws_launch_template.app.id\n  }\n}\n'),
  },
});

describeRule('ec2-imdsv2-required', {
  yaml: {
    resource: 'Config',
    fail: cfn('  Config:\n    Type: AWS::AutoScaling::LaunchConfiguration\n    Properties:\n      ImageId: ami-1\n      InstanceType: t3.micro\n'),
    pass: cfn('  Config:\n    Type: AWS::AutoScaling::LaunchConfiguration\n    Properties:\n      ImageId: ami-1\n      MetadataOptions:\n        HttpTokens: required\n'),
  },
  terraform: {
    resource: 'aws_launch_configuration.app',
    fail: tf('resource "aws_launch_configuration" "app" {\n  image_id      = "ami-1"\n  instance_type = "t3.micro"\n}\n'),
    pass: tf('resource "aws_launch_configuration" "app" {\n  image_id = "ami-1"\n\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n'),
  },
});

// ------------------------------------------------------------- EBS volumes

const VOLUME = (props: string) => `  Data:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: eu-west-1a
${props}`;

describeRule('ec2-ebs-volume-encrypted', {
  yaml: {
    resource: 'Data',
    fail: cfn(VOLUME('      Size: 100\n')),
    pass: cfn(VOLUME('      Encrypted: true\n')),
    unknown: cfn(VOLUME('      Encrypted: !Ref Mode\n')),
  },
  json: {
    resource: 'Data',
    fail: json({ Data: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'eu-west-1a', Encrypted: false } } }),
    pass: json({ Data: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'eu-west-1a', Encrypted: 'true' } } }),
    unknown: json({ Data: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'eu-west-1a', SnapshotId: 'snap-1' } } }),
  },
  terraform: {
    resource: 'aws_ebs_volume.data',
    fail: tf('resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-1a"\n  size              = 100\n}\n'),
    pass: tf('resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-1a"\n  encrypted         = true\n}\n'),
    unknown: tf('resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-west-1a"\n  encrypted         = var.mode\n}\n'),
  },
});

// ---------------------------------------------------- launch block devices

describeRule('ec2-launch-block-devices-encrypted', {
  yaml: {
    resource: 'Server',
    fail: cfn(SERVER('      BlockDeviceMappings:\n        - DeviceName: /dev/xvda\n          Ebs:\n            VolumeSize: 20\n')),
    pass: cfn(SERVER('      BlockDeviceMappings:\n        - DeviceName: /dev/xvda\n          Ebs:\n            VolumeSize: 20\n            Encrypted: true\n        - DeviceName: /dev/sdb\n          VirtualName: ephemeral0\n')),
    unknown: cfn(SERVER('      BlockDeviceMappings:\n        - DeviceName: /dev/xvda\n          Ebs:\n            Encrypted: !Ref Mode\n')),
  },
  json: {
    resource: 'Template',
    fail: json({ Template: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: false, VolumeSize: 8 } }] } } } }),
    pass: json({ Template: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true } }] } } } }),
    unknown: json({ Template: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { BlockDeviceMappings: { Ref: 'Mode' } } } } }),
  },
  terraform: {
    resource: 'aws_instance.web',
    fail: tf('resource "aws_instance" "web" {\n  ami           = "ami-1"\n  instance_type = "t3.micro"\n}\n'),
    pass: tf('resource "aws_instance" "web" {\n  ami = "ami-1"\n\n  root_block_device {\n    encrypted = true\n  }\n\n  ebs_block_device {\n    device_name = "/dev/sdf"\n    snapshot_id = "snap-1"\n    encrypted   = true\n  }\n}\n'),
    unknown: tf('resource "aws_instance" "web" {\n  ami = "ami-1"\n\n  root_block_device {\n    encrypted = var.mode\n  }\n}\n'),
  },
});

describeRule('ec2-launch-block-devices-encrypted', {
  terraform: {
    resource: 'aws_launch_template.app',
    fail: tf('resource "aws_launch_template" "app" {\n  block_device_mappings {\n    device_name = "/dev/xvda"\n\n    ebs {\n      volume_size = 20\n    }\n  }\n}\n'),
    pass: tf('resource "aws_launch_template" "app" {\n  block_device_mappings {\n    device_name = "/dev/xvda"\n\n    ebs {\n      volume_size = 20\n      encrypted   = "true"\n    }\n  }\n}\n'),
    unknown: tf('resource "aws_launch_template" "app" {\n  block_device_mappings {\n    device_name = "/dev/xvda"\n\n    ebs {\n      snapshot_id = "snap-1"\n    }\n  }\n}\n'),
  },
});

describeRule('ec2-launch-block-devices-encrypted', {
  yaml: {
    resource: 'Config',
    fail: cfn('  Config:\n    Type: AWS::AutoScaling::LaunchConfiguration\n    Properties:\n      ImageId: ami-1\n      BlockDeviceMappings:\n        - { DeviceName: /dev/xvda, Ebs: { VolumeSize: 20 } }\n'),
    pass: cfn('  Config:\n    Type: AWS::AutoScaling::LaunchConfiguration\n    Properties:\n      ImageId: ami-1\n      BlockDeviceMappings:\n        - { DeviceName: /dev/xvda, Ebs: { VolumeSize: 20, Encrypted: true } }\n'),
  },
  terraform: {
    resource: 'aws_launch_configuration.app',
    fail: tf('resource "aws_launch_configuration" "app" {\n  image_id = "ami-1"\n\n  root_block_device {\n    volume_size = 20\n  }\n}\n'),
    pass: tf('resource "aws_launch_configuration" "app" {\n  image_id = "ami-1"\n\n  root_block_device {\n    volume_size = 20\n    encrypted   = true\n  }\n}\n'),
  },
});

// ------------------------------------------------------------- public IPs

const SUBNET = (props: string) => `  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-123
      CidrBlock: 10.0.1.0/24
${props}`;

describeRule('ec2-subnet-no-auto-public-ip', {
  yaml: { resource: 'Subnet', fail: cfn(SUBNET('      MapPublicIpOnLaunch: true\n')), pass: cfn(SUBNET('')), unknown: cfn(SUBNET('      MapPublicIpOnLaunch: !Ref Mode\n')) },
  json: {
    resource: 'Subnet',
    fail: json({ Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-1', MapPublicIpOnLaunch: 'true' } } }),
    pass: json({ Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-1', MapPublicIpOnLaunch: false } } }),
  },
  terraform: {
    resource: 'aws_subnet.a',
    fail: tf('resource "aws_subnet" "a" {\n  vpc_id                  = "vpc-1"\n  map_public_ip_on_launch = true\n}\n'),
    pass: tf('resource "aws_subnet" "a" {\n  vpc_id = "vpc-1"\n}\n'),
    unknown: tf('resource "aws_subnet" "a" {\n  vpc_id                  = "vpc-1"\n  map_public_ip_on_launch = var.mode\n}\n'),
  },
});

describeRule('ec2-instance-no-public-ip', {
  yaml: {
    resource: 'Server',
    fail: cfn(SERVER('      NetworkInterfaces:\n        - DeviceIndex: "0"\n          SubnetId: subnet-1\n          AssociatePublicIpAddress: true\n')),
    pass: cfn(`${SUBNET('')}${SERVER('      SubnetId: !Ref Subnet\n')}`),
    unknown: cfn(SERVER('      SubnetId: !Ref Mode\n')),
  },
  json: {
    resource: 'Template',
    fail: json({ Template: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }] } } } }),
    pass: json({ Template: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: false }] } } } }),
    unknown: json({ Template: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: { Ref: 'Mode' } }] } } } }),
  },
  terraform: {
    resource: 'aws_instance.web',
    fail: tf('resource "aws_subnet" "public" {\n  vpc_id                  = "vpc-1"\n  map_public_ip_on_launch = true\n}\n\nresource "aws_instance" "web" {\n  ami       = "ami-1"\n  subnet_id = aws_subnet.public.id\n}\n'),
    pass: tf('resource "aws_instance" "web" {\n  ami                         = "ami-1"\n  subnet_id                   = "subnet-1"\n  associate_public_ip_address = false\n}\n'),
    unknown: tf('resource "aws_instance" "web" {\n  ami       = "ami-1"\n  subnet_id = var.mode\n}\n'),
  },
});

describeRule('ec2-instance-no-public-ip', {
  terraform: {
    resource: 'aws_launch_template.app',
    fail: tf('resource "aws_launch_template" "app" {\n  network_interfaces {\n    associate_public_ip_address = "true"\n  }\n}\n'),
    pass: tf('resource "aws_launch_template" "app" {\n  network_interfaces {\n    device_index = 0\n  }\n}\n'),
  },
});

// ---------------------------------------------------------- security groups

const GROUP = (ingress: string) => `  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: vpc-1
      SecurityGroupIngress:
${ingress}`;

const rule = (protocol: string, from: number | string, to: number | string, cidr: string) => `        - IpProtocol: ${protocol}\n          FromPort: ${from}\n          ToPort: ${to}\n          ${cidr}\n`;

const sgJson = (ingress: object) => json({ Rule: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: 'sg-1', ...ingress } } });

const tfGroup = (ingress: string) => tf(`resource "aws_security_group" "web" {\n  vpc_id = "vpc-1"\n${ingress}}\n`);
const tfIngress = (protocol: string, from: number, to: number, cidrs: string) => `\n  ingress {\n    protocol    = "${protocol}"\n    from_port   = ${from}\n    to_port     = ${to}\n    ${cidrs}\n  }\n`;

describeRule('ec2-security-group-no-public-admin-ports', {
  yaml: {
    resource: 'Group',
    fail: cfn(GROUP(rule('tcp', 22, 22, 'CidrIp: 0.0.0.0/0'))),
    pass: cfn(GROUP(rule('tcp', 22, 22, 'CidrIp: 10.0.0.0/8') + rule('tcp', 443, 443, 'CidrIp: 0.0.0.0/0'))),
    unknown: cfn(GROUP(rule('tcp', 22, 22, 'CidrIp: !Ref Mode'))),
    noFix: true,
  },
  json: {
    resource: 'Rule',
    fail: sgJson({ IpProtocol: 'tcp', FromPort: 3000, ToPort: 4000, CidrIpv6: '::/0' }),
    pass: sgJson({ IpProtocol: 'tcp', FromPort: 3390, ToPort: 4000, CidrIpv6: '::/0' }),
    unknown: sgJson({ IpProtocol: 'tcp', FromPort: { Ref: 'Mode' }, ToPort: 4000, CidrIp: '0.0.0.0/0' }),
    noFix: true,
  },
  terraform: {
    resource: 'aws_security_group.web',
    fail: tfGroup(tfIngress('tcp', 22, 22, 'cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]')),
    pass: tfGroup(tfIngress('tcp', 22, 22, 'security_groups = ["sg-1"]') + tfIngress('icmp', -1, -1, 'cidr_blocks = ["0.0.0.0/0"]')),
    unknown: tfGroup(tfIngress('tcp', 22, 22, 'cidr_blocks = [var.mode]')),
    noFix: true,
  },
});

describeRule('ec2-security-group-no-public-admin-ports', {
  terraform: {
    resource: 'aws_security_group_rule.ssh',
    fail: tf('resource "aws_security_group_rule" "ssh" {\n  type              = "ingress"\n  security_group_id = "sg-1"\n  protocol          = "tcp"\n  from_port         = 22\n  to_port           = 22\n  cidr_blocks       = ["0.0.0.0/0"]\n}\n'),
    pass: tf('resource "aws_security_group_rule" "ssh" {\n  type              = "egress"\n  security_group_id = "sg-1"\n  protocol          = "tcp"\n  from_port         = 22\n  to_port           = 22\n  cidr_blocks       = ["0.0.0.0/0"]\n}\n'),
    unknown: tf('resource "aws_security_group_rule" "ssh" {\n  type              = var.mode\n  security_group_id = "sg-1"\n  protocol          = "tcp"\n  from_port         = 22\n  to_port           = 22\n  cidr_blocks       = ["0.0.0.0/0"]\n}\n'),
    noFix: true,
  },
});

describeRule('ec2-security-group-no-public-admin-ports', {
  terraform: {
    resource: 'aws_vpc_security_group_ingress_rule.rdp',
    fail: tf('resource "aws_vpc_security_group_ingress_rule" "rdp" {\n  security_group_id = "sg-1"\n  ip_protocol       = "tcp"\n  from_port         = 3389\n  to_port           = 3389\n  cidr_ipv4         = "0.0.0.0/0"\n}\n'),
    pass: tf('resource "aws_vpc_security_group_ingress_rule" "rdp" {\n  security_group_id = "sg-1"\n  ip_protocol       = "tcp"\n  from_port         = 3389\n  to_port           = 3389\n  cidr_ipv4         = "192.168.0.0/16"\n}\n'),
    unknown: tf('resource "aws_vpc_security_group_ingress_rule" "rdp" {\n  security_group_id = "sg-1"\n  ip_protocol       = "tcp"\n  from_port         = 3389\n  to_port           = 3389\n  cidr_ipv6         = var.mode\n}\n'),
    noFix: true,
  },
});

describeRule('ec2-security-group-no-public-database-ports', {
  yaml: {
    resource: 'Group',
    fail: cfn(GROUP(rule('tcp', 5432, 5432, 'CidrIp: 0.0.0.0/0'))),
    pass: cfn(GROUP(rule('tcp', 5432, 5432, 'SourceSecurityGroupId: sg-app'))),
    unknown: cfn(GROUP(rule('!Ref Mode', 5432, 5432, 'CidrIp: 0.0.0.0/0'))),
    noFix: true,
  },
  json: {
    resource: 'Rule',
    fail: sgJson({ IpProtocol: 'tcp', FromPort: '3300', ToPort: '3310', CidrIp: '0.0.0.0/0' }),
    pass: sgJson({ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }),
    noFix: true,
  },
  terraform: {
    resource: 'aws_security_group.web',
    fail: tfGroup(tfIngress('tcp', 6379, 6379, 'ipv6_cidr_blocks = ["::/0"]')),
    pass: tfGroup(tfIngress('tcp', 443, 443, 'cidr_blocks = ["0.0.0.0/0"]')),
    unknown: tfGroup(tfIngress('tcp', 27017, 27017, 'cidr_blocks = var.mode')),
    noFix: true,
  },
});

describeRule('ec2-security-group-no-public-all-traffic', {
  yaml: {
    resource: 'Group',
    fail: cfn(GROUP('        - IpProtocol: "-1"\n          CidrIp: 0.0.0.0/0\n')),
    pass: cfn(GROUP('        - IpProtocol: "-1"\n          CidrIp: 10.0.0.0/16\n')),
    unknown: cfn(GROUP('        - IpProtocol: "-1"\n          CidrIp: !Ref Mode\n')),
    noFix: true,
  },
  json: {
    resource: 'Rule',
    fail: sgJson({ IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, CidrIpv6: '::/0' }),
    pass: sgJson({ IpProtocol: 'tcp', FromPort: 1024, ToPort: 65535, CidrIpv6: '::/0' }),
    noFix: true,
  },
  terraform: {
    resource: 'aws_security_group.web',
    fail: tfGroup('\n  ingress {\n    protocol    = -1\n    from_port   = 0\n    to_port     = 0\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n'),
    pass: tfGroup('\n  ingress {\n    protocol  = -1\n    from_port = 0\n    to_port   = 0\n    self      = true\n  }\n'),
    unknown: tfGroup('\n  dynamic "ingress" {\n    for_each = var.mode\n    content {\n      protocol = "-1"\n    }\n  }\n'),
    noFix: true,
  },
});

describe('security group rules: one finding per offending ingress rule', () => {
  before(() => initTerraformParser());

  test('each open permission is its own finding, at its own range', () => {
    const { findings } = analyse({ 'template.yaml': cfn(GROUP(rule('tcp', 22, 22, 'CidrIp: 0.0.0.0/0') + rule('tcp', 80, 80, 'CidrIp: 0.0.0.0/0') + rule('tcp', 3389, 3389, 'CidrIpv6: ::/0'))) });
    const admin = findings.filter((f) => f.ruleId === 'ec2-security-group-no-public-admin-ports');
    assert.equal(admin.length, 2);
    assert.notDeepEqual(admin[0].range, admin[1].range);
    assert.match(admin[0].message, /SSH \(22\)/);
    assert.match(admin[1].message, /RDP \(3389\)/);
  });

  test('an all-traffic rule is reported once, by the all-traffic rule', () => {
    const { findings } = analyse({ 'main.tf': tfGroup('\n  ingress {\n    protocol    = "tcp"\n    from_port   = 0\n    to_port     = 65535\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n') });
    assert.deepEqual(findings.filter((f) => f.ruleId.startsWith('ec2-security-group')).map((f) => f.ruleId), ['ec2-security-group-no-public-all-traffic']);
  });

  test('a separate ingress rule points back at its group', () => {
    const text = cfn(`${GROUP(rule('tcp', 443, 443, 'CidrIp: 0.0.0.0/0'))}  Ssh:\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties:\n      GroupId: !Ref Group\n      IpProtocol: tcp\n      FromPort: 22\n      ToPort: 22\n      CidrIp: 0.0.0.0/0\n`);
    const found = analyse({ 'template.yaml': text }).findings.filter((f) => f.ruleId === 'ec2-security-group-no-public-admin-ports');
    assert.deepEqual(found.map((f) => f.key), ['ec2-security-group-no-public-admin-ports@Ssh']);
    assert.equal(found[0].related[0]?.message, 'the security group it belongs to');
  });

  test('a parameter default of 0.0.0.0/0 counts as open', () => {
    const text = cfn(GROUP(rule('tcp', 22, 22, 'CidrIp: !Ref Source'))).replace('  Mode: { Type: String }', '  Mode: { Type: String }\n  Source: { Type: String, Default: 0.0.0.0/0 }');
    const v = verdicts({ 'template.yaml': text }, 'ec2-security-group-no-public-admin-ports', 'Group');
    assert.equal(v[0].status, 'gap');
  });
});

describeRule('ec2-default-security-group-closed', {
  terraform: {
    resource: 'aws_default_security_group.default',
    fail: tf('resource "aws_default_security_group" "default" {\n  vpc_id = "vpc-1"\n\n  ingress {\n    protocol  = -1\n    self      = true\n    from_port = 0\n    to_port   = 0\n  }\n}\n'),
    pass: tf('resource "aws_default_security_group" "default" {\n  vpc_id = "vpc-1"\n}\n'),
    unknown: tf('resource "aws_default_security_group" "default" {\n  vpc_id = "vpc-1"\n  egress = var.mode\n}\n'),
  },
});

describe('ec2-default-security-group-closed: one finding removes every rule block', () => {
  before(() => initTerraformParser());
  test('an ingress and an egress block give one finding whose fix removes both', () => {
    const text = tf('resource "aws_default_security_group" "default" {\n  vpc_id = "vpc-1"\n\n  ingress {\n    protocol = -1\n    self     = true\n  }\n\n  egress {\n    protocol    = -1\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n');
    const found = analyse({ 'main.tf': text }).findings.filter((f) => f.ruleId === 'ec2-default-security-group-closed');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /ingress and egress/);
    assert.equal(found[0].fixes[0].edits.length, 2);
  });
});

// -------------------------------------------------------------- flow logs

const VPC = '  Network:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n';
const FLOW = (resourceId: string) => `  NetworkFlowLog:\n    Type: AWS::EC2::FlowLog\n    Properties:\n      ResourceId: ${resourceId}\n      ResourceType: VPC\n      TrafficType: ALL\n      LogDestinationType: s3\n      LogDestination: arn:aws:s3:::flow-logs\n`;

describeRule('ec2-vpc-flow-logs', {
  yaml: { resource: 'Network', fail: cfn(VPC), pass: cfn(VPC + FLOW('!Ref Network')), unknown: cfn(VPC + FLOW('!Ref Mode')), noFix: true },
  json: {
    resource: 'Network',
    fail: json({ Network: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } }),
    pass: json({ Network: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } }, Log: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { Ref: 'Network' }, ResourceType: 'VPC', TrafficType: 'ALL' } } }),
    noFix: true,
  },
  terraform: {
    resource: 'aws_vpc.main',
    fail: tf('resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n'),
    pass: tf('resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_flow_log" "main" {\n  vpc_id               = aws_vpc.main.id\n  traffic_type         = "ALL"\n  log_destination_type = "s3"\n  log_destination      = "arn:aws:s3:::flow-logs"\n}\n'),
    unknown: tf('resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_flow_log" "main" {\n  vpc_id       = var.mode\n  traffic_type = "ALL"\n}\n'),
    noFix: true,
  },
});

describe('ec2 rules: cases the standard cases do not cover', () => {
  before(() => initTerraformParser());

  test('a CloudFormation instance without mappings is a gap without a fix (the root device name depends on the AMI)', () => {
    const v = verdicts({ 'template.yaml': cfn(SERVER('      InstanceType: t3.micro\n')) }, 'ec2-launch-block-devices-encrypted', 'Server');
    assert.equal(v.length, 1);
    assert.equal(v[0].status, 'gap');
    assert.deepEqual(v[0].status === 'gap' ? v[0].fixes ?? [] : [], []);
  });

  test('an instance without a subnet starts in the default VPC and gets a public IP', () => {
    const v = verdicts({ 'template.yaml': cfn(SERVER('      InstanceType: t3.micro\n')) }, 'ec2-instance-no-public-ip', 'Server');
    assert.equal(v[0].status, 'gap');
  });

  test('an instance in a subnet that maps public IPs points at the subnet', () => {
    const { findings } = analyse({ 'template.yaml': cfn(`${SUBNET('      MapPublicIpOnLaunch: true\n')}${SERVER('      SubnetId: !Ref Subnet\n')}`) });
    const f = findings.find((x) => x.ruleId === 'ec2-instance-no-public-ip' && x.key.endsWith('@Server'));
    assert.ok(f);
    assert.equal(f.related[0]?.message, 'the subnet that assigns public IPs');
  });

  test('a new network interface without the flag takes its subnet\'s setting, and the fix sets it on the interface', () => {
    const { findings } = analyse({ 'template.yaml': cfn(`${SUBNET('      MapPublicIpOnLaunch: true\n')}${SERVER('      NetworkInterfaces:\n        - DeviceIndex: "0"\n          SubnetId: !Ref Subnet\n')}`) });
    const f = findings.find((x) => x.ruleId === 'ec2-instance-no-public-ip' && x.key.endsWith('@Server'));
    assert.ok(f);
    assert.match(f.message, /from its subnet Subnet/);
    assert.equal(f.fixes[0].edits[0].newText.trim(), 'AssociatePublicIpAddress: false');
  });

  test('an instance inheriting IMDSv1 from its launch template is fixed on the instance', () => {
    const { findings } = analyse({ 'template.yaml': cfn(`${TEMPLATE('        InstanceType: t3.micro\n')}${SERVER('      LaunchTemplate:\n        LaunchTemplateId: !Ref Template\n        Version: "1"\n')}`) });
    const f = findings.find((x) => x.ruleId === 'ec2-imdsv2-required' && x.key.endsWith('@Server'));
    assert.ok(f);
    assert.match(f.message, /launch template Template/);
    assert.match(f.fixes[0].edits[0].newText, /HttpTokens: required/);
  });

  test('several EBS block devices give one verdict each', () => {
    const text = tf('resource "aws_instance" "web" {\n  ami = "ami-1"\n\n  root_block_device {\n    encrypted = true\n  }\n\n  ebs_block_device {\n    device_name = "/dev/sdf"\n  }\n\n  ebs_block_device {\n    device_name = "/dev/sdg"\n    encrypted   = false\n  }\n}\n');
    const found = analyse({ 'main.tf': text }).findings.filter((f) => f.ruleId === 'ec2-launch-block-devices-encrypted');
    assert.equal(found.length, 2);
    assert.match(found[0].message, /\/dev\/sdf/);
    assert.match(found[1].message, /\/dev\/sdg/);
    assert.equal(found[0].fixes.length, 1);
  });
});

describe('ec2-launch-block-devices-encrypted: root_block_device given as a value', () => {
  before(() => initTerraformParser());
  const instance = (root: string) => `variable "empty_list" {\n  default = []\n}\n\nvariable "roots" {\n  type = list(any)\n}\n\nresource "aws_instance" "web" {\n  ami           = "ami-1"\n  instance_type = "t3.micro"\n  root_block_device = ${root}\n}\n`;
  test('an empty list from a variable means no root mapping: a gap, not a dynamic block', () => {
    const v = verdicts({ 'main.tf': instance('var.empty_list') }, 'ec2-launch-block-devices-encrypted', 'aws_instance.web');
    assert.equal(v[0].status, 'gap');
    assert.match(v[0].status === 'gap' ? v[0].message : '', /root_block_device is an empty list/);
  });
  test('a variable without default cannot tell, with the variable as the reason', () => {
    const v = verdicts({ 'main.tf': instance('var.roots') }, 'ec2-launch-block-devices-encrypted', 'aws_instance.web');
    assert.equal(v[0].status, 'cannot-tell');
    assert.doesNotMatch(v[0].status === 'cannot-tell' ? v[0].reason : '', /dynamic block/);
  });
});
