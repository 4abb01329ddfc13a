namespace HyperVIsolation.NodeAgent.Hcs;

/// <summary>
/// HRESULTs HCS returns that the node agent reacts to. Values as computecore.dll reports them
/// (the same constants hcsshim names), so a simulated failure looks like a real one.
/// </summary>
public static class HcsErrorCodes
{
    /// <summary>HCS_E_SYSTEM_NOT_FOUND: no compute system with that id.</summary>
    public const uint SystemNotFound = 0xC037010E;

    /// <summary>HCS_E_SYSTEM_ALREADY_EXISTS: a compute system with that id exists.</summary>
    public const uint SystemAlreadyExists = 0xC037010F;

    /// <summary>HCS_E_SYSTEM_ALREADY_STOPPED: the compute system has already stopped.</summary>
    public const uint SystemAlreadyStopped = 0xC0370110;

    /// <summary>HCS_E_INVALID_STATE: the request is invalid in the system's current state.</summary>
    public const uint InvalidState = 0xC0370105;

    /// <summary>HCS_E_INVALID_JSON: a JSON document could not be parsed or validated.</summary>
    public const uint InvalidJson = 0xC037010D;

    /// <summary>HCS_E_OPERATION_NOT_SUPPORTED: the requested change is not supported (for example an unknown ResourcePath).</summary>
    public const uint OperationNotSupported = 0xC037011F;

    /// <summary>The image's OS build cannot run on this host.</summary>
    public const uint BuildMismatch = 0xC0370101;

    /// <summary>E_INVALIDARG.</summary>
    public const uint InvalidArgument = 0x80070057;

    /// <summary>HRESULT_FROM_WIN32(ERROR_CANCELLED): the operation was cancelled.</summary>
    public const uint Cancelled = 0x800704C7;

    /// <summary>HRESULT_FROM_WIN32(ERROR_NOT_ENOUGH_MEMORY): the host cannot back the requested memory.</summary>
    public const uint NotEnoughMemory = 0x80070008;
}
