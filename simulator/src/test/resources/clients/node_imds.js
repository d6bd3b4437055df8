// Reads the simulator's IMDS with the AWS SDK for JavaScript's own metadata clients, configured only by
// AWS_EC2_METADATA_SERVICE_ENDPOINT. Prints one JSON object: the credentials @smithy/credential-provider-imds
// resolved, and each path given as an argument read through @aws-sdk/ec2-metadata-service (IMDSv2).
const imds = require("@smithy/credential-provider-imds");
const { MetadataService } = require("@aws-sdk/ec2-metadata-service");

(async () => {
  const credentials = await imds.fromInstanceMetadata({ timeout: 5000, maxRetries: 2 })();
  const out = { accessKeyId: credentials.accessKeyId, expiration: credentials.expiration?.toISOString() };
  const service = new MetadataService({ httpOptions: { timeout: 5000 } });
  for (const path of process.argv.slice(2)) {
    out[path] = await service.request(path, {});
  }
  console.log(JSON.stringify(out));
})().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
