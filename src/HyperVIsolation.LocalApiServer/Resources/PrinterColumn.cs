namespace HyperVIsolation.LocalApiServer.Resources;

/// <summary>One printer column of a CRD.</summary>
/// <param name="Name">Header.</param>
/// <param name="Type">integer, number, string, boolean or date.</param>
/// <param name="JsonPath">Simple JSONPath such as <c>.status.phase</c>.</param>
/// <param name="Priority">0 for the default view.</param>
/// <param name="Description">Help text.</param>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, int Priority, string Description);
