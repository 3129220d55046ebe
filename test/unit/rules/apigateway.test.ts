import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initTerraformParser } from '../../../server/src/parse';
import { describeRule, verdicts } from '../../ruleHarness';

const cfn = (type: string, props: string, extra = '') => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Mode: { Type: String }
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
  Thing:
    Type: ${type}
    Properties:
${props}${extra}`;

const json = (type: string, props: object, extra: object = {}) =>
  JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { Mode: { Type: 'String' } }, Resources: { Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'orders' } }, Thing: { Type: type, Properties: props }, ...extra } }, null, 2);

const tf = (type: string, body: string, extra = '') => `variable "mode" {
  type = string
}

resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"
}

resource "${type}" "thing" {
${body}}
${extra}`;

const STAGE = '      RestApiId: !Ref Api\n      StageName: prod\n      DeploymentId: abc123\n';

describeRule('apigateway-stage-access-logging', {
  yaml: {
    resource: 'Thing',
    fail: cfn('AWS::ApiGateway::Stage', STAGE),
    pass: cfn('AWS::ApiGateway::Stage', `${STAGE}      AccessLogSetting:\n        DestinationArn: !GetAtt Logs.Arn\n        Format: $context.requestId\n`, '  Logs:\n    Type: AWS::Logs::LogGroup\n'),
    unknown: cfn('AWS::ApiGateway::Stage', `${STAGE}      AccessLogSetting:\n        DestinationArn: !Ref Mode\n`),
    noFix: true,
  },
  json: {
    resource: 'Thing',
    fail: json('AWS::ApiGatewayV2::Stage', { ApiId: 'abc', StageName: '$default' }),
    pass: json('AWS::ApiGatewayV2::Stage', { ApiId: 'abc', StageName: '$default', AccessLogSettings: { DestinationArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:api', Format: '$context.requestId' } }),
    noFix: true,
  },
  terraform: {
    resource: 'aws_api_gateway_stage.thing',
    fail: tf('aws_api_gateway_stage', '  rest_api_id   = aws_api_gateway_rest_api.orders.id\n  stage_name    = "prod"\n  deployment_id = "abc123"\n'),
    pass: tf(
      'aws_api_gateway_stage',
      '  rest_api_id   = aws_api_gateway_rest_api.orders.id\n  stage_name    = "prod"\n  deployment_id = "abc123"\n\n  access_log_settings {\n    destination_arn = aws_cloudwatch_log_group.api.arn\n    format          = "$context.requestId"\n  }\n',
      'resource "aws_cloudwatch_log_group" "api" {\n  name = "api"\n}\n',
    ),
    unknown: tf('aws_api_gateway_stage', '  rest_api_id = aws_api_gateway_rest_api.orders.id\n  stage_name  = "prod"\n\n  access_log_settings {\n    destination_arn = var.mode\n    format          = "$context.requestId"\n  }\n'),
    noFix: true,
  },
});

const METHOD = '      RestApiId: !Ref Api\n      ResourceId: !GetAtt Api.RootResourceId\n';

describeRule('apigateway-method-authorization', {
  yaml: {
    resource: 'Thing',
    fail: cfn('AWS::ApiGateway::Method', `${METHOD}      HttpMethod: POST\n      AuthorizationType: NONE\n`),
    pass: cfn('AWS::ApiGateway::Method', `${METHOD}      HttpMethod: POST\n      AuthorizationType: COGNITO_USER_POOLS\n      AuthorizerId: abc\n`),
    unknown: cfn('AWS::ApiGateway::Method', `${METHOD}      HttpMethod: POST\n      AuthorizationType: !Ref Mode\n`),
  },
  json: {
    resource: 'Thing',
    fail: json('AWS::ApiGateway::Method', { RestApiId: { Ref: 'Api' }, ResourceId: 'abc', HttpMethod: 'GET' }),
    pass: json('AWS::ApiGateway::Method', { RestApiId: { Ref: 'Api' }, ResourceId: 'abc', HttpMethod: 'OPTIONS', AuthorizationType: 'NONE' }),
  },
  terraform: {
    resource: 'aws_api_gateway_method.thing',
    fail: tf('aws_api_gateway_method', '  rest_api_id   = aws_api_gateway_rest_api.orders.id\n  resource_id   = aws_api_gateway_rest_api.orders.root_resource_id\n  http_method   = "ANY"\n  authorization = "NONE"\n'),
    pass: tf('aws_api_gateway_method', '  rest_api_id   = aws_api_gateway_rest_api.orders.id\n  resource_id   = aws_api_gateway_rest_api.orders.root_resource_id\n  http_method   = "ANY"\n  authorization = "AWS_IAM"\n'),
    unknown: tf('aws_api_gateway_method', '  rest_api_id   = aws_api_gateway_rest_api.orders.id\n  resource_id   = aws_api_gateway_rest_api.orders.root_resource_id\n  http_method   = "ANY"\n  authorization = var.mode\n'),
  },
});

const HTTP_API = '  HttpApi:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      Name: orders\n      ProtocolType: HTTP\n';
const WS_API = '  HttpApi:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      Name: chat\n      ProtocolType: WEBSOCKET\n';

// HTTP API and WebSocket routes.
describeRule('apigateway-method-authorization', {
  yaml: {
    resource: 'Thing',
    fail: cfn('AWS::ApiGatewayV2::Route', '      ApiId: !Ref HttpApi\n      RouteKey: $default\n', HTTP_API),
    pass: cfn('AWS::ApiGatewayV2::Route', '      ApiId: !Ref HttpApi\n      RouteKey: sendMessage\n', WS_API),
    unknown: cfn('AWS::ApiGatewayV2::Route', '      ApiId: imported-api\n      RouteKey: $default\n'),
  },
  terraform: {
    resource: 'aws_apigatewayv2_route.thing',
    fail: tf('aws_apigatewayv2_route', '  api_id    = "abc"\n  route_key = "GET /orders"\n'),
    pass: tf('aws_apigatewayv2_route', '  api_id             = "abc"\n  route_key          = "GET /orders"\n  authorization_type = "JWT"\n  authorizer_id      = "xyz"\n'),
    unknown: tf('aws_apigatewayv2_route', '  api_id    = "abc"\n  route_key = var.mode\n'),
  },
});

before(() => initTerraformParser());

test('WebSocket $connect takes authorization; other WebSocket routes are out of scope', () => {
  const connect = verdicts({ 'template.yaml': cfn('AWS::ApiGatewayV2::Route', '      ApiId: !Ref HttpApi\n      RouteKey: $connect\n', WS_API) }, 'apigateway-method-authorization', 'Thing');
  assert.equal(connect[0].status, 'gap');
  const disconnect = verdicts({ 'template.yaml': cfn('AWS::ApiGatewayV2::Route', '      ApiId: !Ref HttpApi\n      RouteKey: $disconnect\n', WS_API) }, 'apigateway-method-authorization', 'Thing');
  assert.equal(disconnect[0].status, 'not-applicable');
});
