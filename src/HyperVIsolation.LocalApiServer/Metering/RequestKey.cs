namespace HyperVIsolation.LocalApiServer.Metering;

/// <summary>What a counted request was: its verb, resource and the client that sent it.</summary>
/// <param name="Verb">Kubernetes verb: <c>create</c>, <c>update</c>, <c>patch</c>, <c>delete</c>, <c>list</c>, <c>watch</c>, ...</param>
/// <param name="Resource">Resource plural with its subresource, e.g. <c>pods</c>, <c>pods/status</c>, <c>isolatedworkloads/status</c>.</param>
/// <param name="Client">The product of the request's <c>User-Agent</c> (the part before the first <c>/</c>), empty when none.</param>
public readonly record struct RequestKey(string Verb, string Resource, string Client)
{
    /// <summary>True for verbs that change state (create, update, patch, delete, deletecollection).</summary>
    public bool IsWrite => Verb is "create" or "update" or "patch" or "delete" or "deletecollection";
}
