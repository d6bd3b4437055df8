"""A real botocore SQS client against spotsim: prints what it saw as one JSON line.

Debian's python3-botocore (1.29) models SQS with the query protocol, so this is an older client's
view; botocore checks MD5OfBody itself and raises on a mismatch.
"""
import json
import sys

import botocore.session

endpoint = sys.argv[1]
session = botocore.session.get_session()
sqs = session.create_client("sqs", region_name="eu-west-1", endpoint_url=endpoint,
                            aws_access_key_id="AKIDBOTO", aws_secret_access_key="secret")
url = sqs.create_queue(QueueName="boto", Attributes={"VisibilityTimeout": "7"})["QueueUrl"]
sent = sqs.send_message(QueueUrl=url, MessageBody="a&b<c>",
                        MessageAttributes={"n": {"DataType": "Number", "StringValue": "42"}})
got = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["All"], AttributeNames=["All"], WaitTimeSeconds=2)["Messages"][0]
sqs.delete_message(QueueUrl=url, ReceiptHandle=got["ReceiptHandle"])
try:
    sqs.get_queue_url(QueueName="missing")
    missing = None
except sqs.exceptions.QueueDoesNotExist as e:
    missing = e.response["Error"]["Code"]
print(json.dumps({
    "protocol": sqs.meta.service_model.protocol,
    "url": url,
    "sentMd5": sent["MD5OfMessageBody"],
    "body": got["Body"],
    "attribute": got["MessageAttributes"]["n"]["StringValue"],
    "receiveCount": got["Attributes"]["ApproximateReceiveCount"],
    "arn": sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"],
    "missing": missing,
}))
