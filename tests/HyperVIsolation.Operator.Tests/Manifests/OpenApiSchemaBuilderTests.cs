using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using HyperVIsolation.Api.Schema;
using HyperVIsolation.Operator.Manifests;
using k8s;
using k8s.Models;

namespace HyperVIsolation.Operator.Tests.Manifests;

/// <summary>The generator on small types declared here, one rule at a time.</summary>
public sealed class OpenApiSchemaBuilderTests
{
    [Fact]
    public void Generate_Enum_StringWithJsonNamesAndEnumDefault()
    {
        var color = SpecOf<Widget>().Properties["color"];

        color.Type.Should().Be("string");
        color.EnumProperty.Should().Equal("Red", "light-green");
        color.DefaultProperty.Should().Be("light-green");
    }

    [Fact]
    public void Generate_Dictionary_ObjectWithAdditionalPropertiesAndPropertyBounds()
    {
        var labels = SpecOf<Widget>().Properties["labels"];

        labels.Type.Should().Be("object");
        labels.AdditionalProperties.As<V1JSONSchemaProps>().Type.Should().Be("string");
        labels.MaxProperties.Should().Be(8);
    }

    [Fact]
    public void Generate_ListMap_MapListWithKeys()
    {
        var parts = SpecOf<Widget>().Properties["parts"];

        parts.Type.Should().Be("array");
        parts.XKubernetesListType.Should().Be("map");
        parts.XKubernetesListMapKeys.Should().Equal("id", "kind");
        parts.MinItems.Should().Be(1);
    }

    [Fact]
    public void Generate_ListMapKeyNeitherRequiredNorDefaulted_ThrowsNamingTheKey()
    {
        var generate = () => new CustomResourceDefinitionGenerator().Generate(typeof(BadListMapWidget));

        generate.Should().Throw<ManifestGenerationException>().WithMessage("*list-map key 'label'*[Required]*");
    }

    [Fact]
    public void Generate_RequiredAttribute_ListedOnParentOnly()
    {
        var spec = SpecOf<Widget>();

        spec.Required.Should().Equal("name", "parts");
        spec.Properties["parts"].Items.As<V1JSONSchemaProps>().Required.Should().Equal("id");
    }

    [Fact]
    public void Generate_NonNullableIntWithoutRequired_NotRequired()
    {
        SpecOf<Widget>().Required.Should().NotContain("size");
    }

    [Fact]
    public void Generate_ScalarTypes_TypeAndFormat()
    {
        var spec = SpecOf<Widget>();

        spec.Properties["size"].Should().BeEquivalentTo(new { Type = "integer", Format = "int32", Minimum = 1d, Maximum = 10d }, o => o.ExcludingMissingMembers());
        spec.Properties["weight"].Should().BeEquivalentTo(new { Type = "integer", Format = "int64" }, o => o.ExcludingMissingMembers());
        spec.Properties["enabled"].Should().BeEquivalentTo(new { Type = "boolean", DefaultProperty = (object)true }, o => o.ExcludingMissingMembers());
        spec.Properties["since"].Should().BeEquivalentTo(new { Type = "string", Format = "date-time" }, o => o.ExcludingMissingMembers());
        spec.Properties["name"].Should().BeEquivalentTo(new { Type = "string", MinLength = 2L, MaxLength = 20L, Pattern = "^[a-z]+$" }, o => o.ExcludingMissingMembers());
    }

    [Fact]
    public void Generate_JsonPropertyName_Honoured()
    {
        SpecOf<Widget>().Properties.Keys.Should().Contain("x-serial").And.NotContain("serial");
    }

    [Fact]
    public void Generate_CelRulesOnTypeAndProperty_BothValidations()
    {
        var spec = SpecOf<Widget>();

        spec.XKubernetesValidations.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new V1ValidationRule { Rule = "self.size <= 5 || self.enabled", Message = "big widgets must be enabled", FieldPath = ".size" });
        spec.Properties["name"].XKubernetesValidations.Should().ContainSingle().Which.Rule.Should().Be("self != 'none'");
    }

    [Fact]
    public void Generate_Descriptions_FromPropertyDocsElseTypeDocs()
    {
        var spec = SpecOf<Widget>();

        spec.Description.Should().Be("Desired widget.");
        spec.Properties["parts"].Items.As<V1JSONSchemaProps>().Description.Should().Be("A part, keyed by id and kind.");
        spec.Properties["labels"].Description.Should().Be("Labels, at most eight.");
    }

    [Fact]
    public void Generate_PropertyWithoutDocComment_ThrowsNamingTheProperty()
    {
        var generate = () => new CustomResourceDefinitionGenerator().Generate(typeof(UndocumentedWidget));

        generate.Should().Throw<ManifestGenerationException>().WithMessage("*UndocumentedWidgetSpec.Count*<summary>*");
    }

    [Fact]
    public void Generate_RecursiveType_Throws()
    {
        var generate = () => new CustomResourceDefinitionGenerator().Generate(typeof(RecursiveWidget));

        generate.Should().Throw<ManifestGenerationException>().WithMessage("*recursive*");
    }

    [Fact]
    public void Generate_ChangedValidationAttribute_DifferentYaml()
    {
        var original = Render(typeof(Gadget));
        var changed = Render(typeof(GadgetWithLargerSize));

        changed.Should().NotBe(original);
        changed.Replace("maximum: 20", "maximum: 10", StringComparison.Ordinal).Should().Be(original);
    }

    [Fact]
    public void Generate_NoScaleOrColumns_StatusSubresourceOnly()
    {
        var version = new CustomResourceDefinitionGenerator().Generate(typeof(Widget)).Spec.Versions[0];

        version.Subresources.Status.Should().NotBeNull();
        version.Subresources.Scale.Should().BeNull();
        version.AdditionalPrinterColumns.Should().BeNull();
    }

    private static V1JSONSchemaProps SpecOf<T>() =>
        new CustomResourceDefinitionGenerator().Generate(typeof(T)).Spec.Versions[0].Schema.OpenAPIV3Schema.Properties["spec"];

    private static string Render(Type rootType) =>
        YamlManifestWriter.Write(new CustomResourceDefinitionGenerator().Generate(rootType), "test");

    /// <summary>A test colour.</summary>
    private enum Color
    {
        /// <summary>Red.</summary>
        Red,

        /// <summary>Green.</summary>
        [JsonStringEnumMemberName("light-green")]
        LightGreen,
    }

    /// <summary>A widget.</summary>
    [KubernetesEntity(Group = "test.example.com", ApiVersion = "v1", Kind = "Widget", PluralName = "widgets")]
    [CustomResource]
    private sealed class Widget
    {
        /// <summary>Desired widget.</summary>
        public WidgetSpec? Spec { get; set; }
    }

    /// <summary>Desired state of a widget.</summary>
    [CelRule("self.size <= 5 || self.enabled", "big widgets must be enabled", FieldPath = ".size")]
    private sealed class WidgetSpec
    {
        /// <summary>Name.</summary>
        [Required]
        [MinLength(2)]
        [MaxLength(20)]
        [RegularExpression("^[a-z]+$")]
        [CelRule("self != 'none'", "none is reserved")]
        public string Name { get; set; } = string.Empty;

        /// <summary>Size.</summary>
        [Range(1, 10)]
        public int Size { get; set; }

        /// <summary>Weight.</summary>
        public long? Weight { get; set; }

        /// <summary>Enabled.</summary>
        [DefaultValue(true)]
        public bool Enabled { get; set; } = true;

        /// <summary>Since.</summary>
        public DateTime? Since { get; set; }

        /// <summary>Colour.</summary>
        [DefaultValue(Color.LightGreen)]
        public Color Color { get; set; } = Color.LightGreen;

        /// <summary>Labels, at most eight.</summary>
        [MaxLength(8)]
        public Dictionary<string, string>? Labels { get; set; }

        /// <summary>Parts.</summary>
        [Required]
        [MinLength(1)]
        [ListMap("id", "kind")]
        public List<Part> Parts { get; set; } = [];

        /// <summary>Serial.</summary>
        [JsonPropertyName("x-serial")]
        public string? Serial { get; set; }
    }

    /// <summary>A gadget.</summary>
    [KubernetesEntity(Group = "test.example.com", ApiVersion = "v1", Kind = "Gadget", PluralName = "gadgets")]
    [CustomResource]
    private sealed class Gadget
    {
        /// <summary>Size.</summary>
        [Range(1, 10)]
        public int Size { get; set; }
    }

    /// <summary>A gadget.</summary>
    [KubernetesEntity(Group = "test.example.com", ApiVersion = "v1", Kind = "Gadget", PluralName = "gadgets")]
    [CustomResource]
    private sealed class GadgetWithLargerSize
    {
        /// <summary>Size.</summary>
        [Range(1, 20)]
        public int Size { get; set; }
    }

    /// <summary>A part, keyed by id and kind.</summary>
    private sealed class Part
    {
        /// <summary>Identifier.</summary>
        [Required]
        public int Id { get; set; }

        /// <summary>Kind, defaulted so it can be a list-map key.</summary>
        [DefaultValue(Color.Red)]
        public Color Kind { get; set; }

        /// <summary>Free label.</summary>
        public string? Label { get; set; }
    }

    /// <summary>A widget whose list-map key may be absent.</summary>
    [KubernetesEntity(Group = "test.example.com", ApiVersion = "v1", Kind = "BadWidget", PluralName = "badwidgets")]
    [CustomResource]
    private sealed class BadListMapWidget
    {
        /// <summary>Parts keyed by an optional field.</summary>
        [ListMap("label")]
        public List<Part>? Parts { get; set; }
    }

    /// <summary>A widget with an undocumented field.</summary>
    [KubernetesEntity(Group = "test.example.com", ApiVersion = "v1", Kind = "UndocumentedWidget", PluralName = "undocumentedwidgets")]
    [CustomResource]
    private sealed class UndocumentedWidget
    {
        /// <summary>Spec.</summary>
        public UndocumentedWidgetSpec? Spec { get; set; }
    }

    /// <summary>Spec with a field lacking docs.</summary>
    private sealed class UndocumentedWidgetSpec
    {
        public int Count { get; set; }
    }

    /// <summary>A widget that contains itself.</summary>
    [KubernetesEntity(Group = "test.example.com", ApiVersion = "v1", Kind = "RecursiveWidget", PluralName = "recursivewidgets")]
    [CustomResource]
    private sealed class RecursiveWidget
    {
        /// <summary>Nested.</summary>
        public RecursiveWidget? Inner { get; set; }
    }
}
