namespace HyperVIsolation.Bench.Operator.Floor;

/// <summary>One successful write a client sent during the rollout, as sent, with what a create got back.</summary>
/// <param name="Sequence">Order in which the writes were sent, over every client.</param>
/// <param name="Client">The client's User-Agent product.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path and query.</param>
/// <param name="ContentType">The body's media type (the patch type of a PATCH).</param>
/// <param name="Body">The request body.</param>
/// <param name="CreatedName">For a create: the created object's name.</param>
/// <param name="CreatedUid">For a create: the created object's uid.</param>
internal sealed record RecordedWrite(long Sequence, string Client, string Method, string Path, string ContentType, string Body, string? CreatedName, string? CreatedUid);
