namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>One change recorded in the store's bounded history.</summary>
/// <param name="Type">ADDED, MODIFIED or DELETED.</param>
/// <param name="Resource">Storage key of the resource (plural, or plural.group).</param>
/// <param name="Namespace">Namespace, empty for cluster-scoped objects.</param>
/// <param name="Name">Object name.</param>
/// <param name="ResourceVersion">Global resource version of the change.</param>
/// <param name="Object">Object after the change (for DELETED, the last state with the new version).</param>
/// <param name="Previous">Object before the change; null for ADDED.</param>
public sealed record StoredEvent(
    string Type,
    string Resource,
    string Namespace,
    string Name,
    long ResourceVersion,
    StoredObject Object,
    StoredObject? Previous);
