using System.Text.Json.Serialization;
using System.Xml.Linq;
using k8s.Models;
using NeevCloud.Crds;
using NeevCloud.Crds.Attributes;
using NeevCloud.Operator.CrdGeneration;

namespace NeevCloud.Operator.Tests.Crds;

/// <summary>The generator refuses types it cannot turn into a complete, honest schema.</summary>
public sealed class SchemaGeneratorTests
{
    private static readonly SchemaGenerator Generator = new(new XmlDocumentation());

    public static TheoryData<Type, string> BrokenEntities => new()
    {
        { typeof(UndocumentedFieldEntity), "UndocumentedSpec.Size has no XML <summary>" },
        { typeof(RuleWithoutMessageEntity), "CEL rule 'self > 1' needs a message" },
        { typeof(PatternOnObjectEntity), "PatternOnObjectSpec.Nested: [Pattern]" },
        { typeof(UnknownMapKeyEntity), "spec.items: list map keys id are not fields of the items" },
    };

    [Theory]
    [MemberData(nameof(BrokenEntities))]
    public void Generation_fails_naming_the_offending_member(Type entityType, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => CrdGenerator.Generate(entityType, Generator));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptions_are_the_doc_summary_flattened_to_one_line()
    {
        var docs = XmlDocumentation.Parse(XDocument.Parse(
            """
            <doc><members><member name="P:NeevCloud.Operator.Tests.Crds.SchemaGeneratorTests.Nested.Name">
              <summary>
                Uses <c>spec.x</c> unless it is <see langword="null"/>;
                see <see cref="P:N.T.Other"/>.
              </summary>
            </member></members></doc>
            """));

        Assert.Equal("Uses spec.x unless it is null; see Other.", docs.Summary(typeof(Nested).GetProperty(nameof(Nested.Name))!));
    }

    /// <summary>Status of the test entities.</summary>
    public sealed class TestStatus;

    /// <summary>A spec with an undocumented field.</summary>
    public sealed class UndocumentedSpec
    {
        [JsonPropertyName("size")]
        public int Size { get; set; }
    }

    /// <summary>An entity whose spec has an undocumented field.</summary>
    [KubernetesEntity(Group = "test.neev", ApiVersion = "v1", Kind = "UndocumentedField", PluralName = "undocumentedfields")]
    public sealed class UndocumentedFieldEntity : CustomKubernetesEntity<UndocumentedSpec, TestStatus>;

    /// <summary>A spec with a rule that does not say what is wrong.</summary>
    public sealed class RuleWithoutMessageSpec
    {
        /// <summary>A size.</summary>
        [JsonPropertyName("size")]
        [ValidationRule("self > 1")]
        public int Size { get; set; }
    }

    /// <summary>An entity with a rule that has no message.</summary>
    [KubernetesEntity(Group = "test.neev", ApiVersion = "v1", Kind = "RuleWithoutMessage", PluralName = "rulewithoutmessages")]
    public sealed class RuleWithoutMessageEntity : CustomKubernetesEntity<RuleWithoutMessageSpec, TestStatus>;

    /// <summary>An object field.</summary>
    public sealed class Nested
    {
        /// <summary>A name.</summary>
        [JsonPropertyName("name")]
        public string? Name { get; set; }
    }

    /// <summary>A spec with a string pattern on an object.</summary>
    public sealed class PatternOnObjectSpec
    {
        /// <summary>An object.</summary>
        [JsonPropertyName("nested")]
        [Pattern("^a$")]
        public Nested? Nested { get; set; }
    }

    /// <summary>An entity with a pattern on an object field.</summary>
    [KubernetesEntity(Group = "test.neev", ApiVersion = "v1", Kind = "PatternOnObject", PluralName = "patternonobjects")]
    public sealed class PatternOnObjectEntity : CustomKubernetesEntity<PatternOnObjectSpec, TestStatus>;

    /// <summary>A spec with a list map keyed on a field the items lack.</summary>
    public sealed class UnknownMapKeySpec
    {
        /// <summary>Items.</summary>
        [JsonPropertyName("items")]
        [ListType(ListType.Map)]
        [ListMapKeys("id")]
        public IList<Nested>? Items { get; set; }
    }

    /// <summary>An entity with a list map keyed on a field the items lack.</summary>
    [KubernetesEntity(Group = "test.neev", ApiVersion = "v1", Kind = "UnknownMapKey", PluralName = "unknownmapkeys")]
    public sealed class UnknownMapKeyEntity : CustomKubernetesEntity<UnknownMapKeySpec, TestStatus>;
}
