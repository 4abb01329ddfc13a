using System.Text.Json.Nodes;

namespace HyperVIsolation.LocalApiServer.Resources;

/// <summary>What a CRD version adds to a served resource.</summary>
/// <param name="Schema">The <c>openAPIV3Schema</c>, or null when none is given.</param>
/// <param name="PrinterColumns">The <c>additionalPrinterColumns</c>.</param>
/// <param name="Scale">Scale subresource paths, when enabled.</param>
public sealed record CustomResourceDetails(JsonObject? Schema, IReadOnlyList<PrinterColumn> PrinterColumns, ScalePaths? Scale);
