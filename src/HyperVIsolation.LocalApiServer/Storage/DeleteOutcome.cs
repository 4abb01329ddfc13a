using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Storage;

/// <summary>Result of a delete.</summary>
/// <param name="Object">The removed object, or the object now marked for deletion.</param>
/// <param name="Removed">True when the object is gone; false when finalizers keep it.</param>
public sealed record DeleteOutcome(JsonObject Object, bool Removed);
