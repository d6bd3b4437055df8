"""Reads the simulator's IMDS the way botocore does, configured only by AWS_EC2_METADATA_SERVICE_ENDPOINT.

Prints one JSON object: the credentials the default chain resolved (and by which method), the region,
and the body of every metadata path given as an argument (read with an IMDSv2 token).
"""
import json
import sys

import botocore.session
from botocore.utils import IMDSFetcher, InstanceMetadataRegionFetcher


def main(paths):
    session = botocore.session.get_session()
    endpoint = session.get_config_variable("ec2_metadata_service_endpoint")
    credentials = session.get_credentials()
    out = {
        "endpoint": endpoint,
        "method": credentials.method if credentials else None,
        "accessKey": credentials.access_key if credentials else None,
        "region": InstanceMetadataRegionFetcher(base_url=endpoint).retrieve_region(),
    }
    fetcher = IMDSFetcher(base_url=endpoint, timeout=5, num_attempts=2)
    token = fetcher._fetch_metadata_token()
    for path in paths:
        response = fetcher._get_request(path, None, token)
        out[path] = response.text
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
