using HyperVIsolation.LocalApiServer.Storage;

namespace HyperVIsolation.LocalApiServer.Http;

/// <summary>
/// Label and field selectors of a list or watch. For watches it also translates changes that move
/// an object into or out of the selection into ADDED and DELETED, as kube-apiserver does.
/// </summary>
/// <param name="Labels">Label selector.</param>
/// <param name="Fields">Field selector.</param>
public sealed record WatchFilter(LabelSelector Labels, FieldSelector Fields)
{
    /// <summary>True when neither selector restricts anything.</summary>
    public bool SelectsEverything => Labels.IsEmpty && Fields.IsEmpty;

    /// <summary>True when the object is selected.</summary>
    public bool Matches(StoredObject obj) => Labels.Matches(obj) && Fields.Matches(obj.Object);

    /// <summary>The event type to send for a change, or null when the watcher should not see it.</summary>
    public string? Translate(StoredEvent change)
    {
        var now = Matches(change.Object);
        var before = change.Previous is not null && Matches(change.Previous);
        return change.Type switch
        {
            "ADDED" => now ? "ADDED" : null,
            "DELETED" => before || now ? "DELETED" : null,
            _ when now && before => "MODIFIED",
            _ when now => "ADDED",
            _ when before => "DELETED",
            _ => null,
        };
    }
}
