namespace HyperVIsolation.NodeAgent.Host;

/// <summary>
/// The file <c>--uninstall --hold</c> writes once the node is uninstalled, which <c>--uninstall-probe</c> looks for.
/// It lives beside the executable, inside the HostProcess container's own mount, so it goes away with the container:
/// a new agent pod on the node never sees an old one's marker.
/// </summary>
internal static class UninstallMarker
{
    /// <summary>The marker's path.</summary>
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "uninstall-complete");
}
