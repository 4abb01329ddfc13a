namespace HyperVIsolation.NodeAgent.Hcs.Schema;

/// <summary>Values of <see cref="ModifySettingRequest.RequestType"/>.</summary>
public static class ModifyRequestTypes
{
    /// <summary>Adds a resource.</summary>
    public const string Add = "Add";

    /// <summary>Removes a resource.</summary>
    public const string Remove = "Remove";

    /// <summary>Changes a resource in place.</summary>
    public const string Update = "Update";
}
