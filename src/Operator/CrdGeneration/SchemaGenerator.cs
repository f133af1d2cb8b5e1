using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Operator.CrdGeneration;

/// <summary>
/// Builds the OpenAPI v3 schema of a custom resource from its C# types: JSON names from
/// [JsonPropertyName], descriptions from the XML doc comments, constraints and CEL rules from the
/// attributes in NeevCloud.Crds.Attributes. Fails on anything it cannot express faithfully (a
/// field without a description, an attribute that does not fit the field), so a gap shows up
/// when the CRDs are generated rather than at admission.
/// </summary>
internal sealed class SchemaGenerator(XmlDocumentation documentation)
{
    public V1JSONSchemaProps ForEntity(Type entityType)
    {
        var root = ForObject(entityType, path: "");
        root.Description = Describe(entityType, entityType);

        // A spec whose fields are all optional may be left out: it defaults to {} so its own
        // defaults apply. Otherwise a missing spec is one "spec: Required value" error.
        var spec = root.Properties["spec"];
        if (spec.Required is { Count: > 0 })
        {
            root.Required = [.. root.Required ?? [], "spec"];
        }
        else
        {
            spec.DefaultProperty = new Dictionary<string, object>();
        }

        // Until the operator's first status write there is no status, and kstatus (Flux, kpt) calls a resource
        // without status Current — healthy before anything was created. The API server applies schema defaults
        // when it reads an object, status included, so a status defaulted to observedGeneration 0 makes every
        // new resource read as "generation 1 not observed yet": InProgress, until the operator has seen it.
        if (root.Properties.TryGetValue("status", out var status) && status.Properties?.ContainsKey("observedGeneration") == true)
        {
            status.DefaultProperty = new Dictionary<string, object> { ["observedGeneration"] = 0 };
        }

        return root;
    }

    private V1JSONSchemaProps ForObject(Type type, string path)
    {
        var properties = new SortedDictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal);
        var required = new SortedSet<string>(StringComparer.Ordinal);
        var presenceRules = new SortedDictionary<string, V1ValidationRule>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
                ?? throw new InvalidOperationException($"{type.Name}.{property.Name} needs [JsonPropertyName] so its JSON name is explicit");
            var fieldPath = path.Length == 0 ? name : $"{path}.{name}";
            properties.Add(name, ForProperty(property, fieldPath));
            if (ConditionalImmutabilityRule(property, name, fieldPath) is { } conditional)
            {
                presenceRules.Add(name, conditional);
            }

            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add(name);
            }
            else if (PresenceRule(property, name, fieldPath) is { } rule)
            {
                presenceRules.Add(name, rule);
            }
        }

        var schema = new V1JSONSchemaProps
        {
            Type = "object",
            Properties = new Dictionary<string, V1JSONSchemaProps>(properties),
            Required = required.Count > 0 ? [.. required] : null,
        };
        AddRules(schema, [.. type.GetCustomAttributes<ValidationRuleAttribute>().Select(ToRule), .. presenceRules.Values]);
        return schema;
    }

    private V1JSONSchemaProps ForProperty(PropertyInfo property, string path)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(V1ObjectMeta))
        {
            return ForMetadata(property.ReflectedType!);
        }

        var schema = ForType(type, path);
        schema.Description = Describe(property, ElementType(type) ?? type);

        var isArray = schema.Type == "array";
        var scalar = isArray ? (V1JSONSchemaProps)schema.Items : schema;
        ApplyScalarConstraints(property, scalar);
        ApplyListConstraints(property, schema, isArray, path);
        if (property.GetCustomAttribute<DefaultValueAttribute>() is { } defaultValue)
        {
            schema.DefaultProperty = defaultValue.Value is Enum value ? EnumName(value) : defaultValue.Value;
        }

        var rules = property.GetCustomAttributes<ValidationRuleAttribute>().Select(ToRule).ToList();
        if (property.GetCustomAttribute<ImmutableAttribute>() is { Unless: null } immutable)
        {
            rules.Add(new V1ValidationRule
            {
                Rule = "self == oldSelf",
                Message = $"{path} is immutable" + (immutable.Because is null ? "" : $": {immutable.Because}"),
            });
        }

        AddRules(schema, rules);
        return schema;
    }

    private V1JSONSchemaProps ForType(Type type, string path)
    {
        if (type == typeof(string))
        {
            return new V1JSONSchemaProps { Type = "string" };
        }

        if (type == typeof(bool))
        {
            return new V1JSONSchemaProps { Type = "boolean" };
        }

        if (type == typeof(int))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int32" };
        }

        if (type == typeof(long))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int64" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "date-time" };
        }

        if (type.IsEnum)
        {
            return new V1JSONSchemaProps
            {
                Type = "string",
                EnumProperty = [.. Enum.GetValues(type).Cast<Enum>().Select(EnumName)],
            };
        }

        if (type == typeof(V1Condition))
        {
            return ConditionSchema.Create();
        }

        if (ElementType(type) is { } elementType)
        {
            return new V1JSONSchemaProps { Type = "array", Items = ForType(elementType, path + "[*]") };
        }

        if (IsOwnObjectType(type))
        {
            return ForObject(type, path);
        }

        throw new NotSupportedException($"{path}: the generator has no schema for {type}");
    }

    // The API server owns the metadata schema and rejects a CRD that says anything about it
    // beyond rules on name and generateName, a description included.
    private static V1JSONSchemaProps ForMetadata(Type entityType)
    {
        var nameRules = entityType.GetCustomAttributes<MetadataNameValidationRuleAttribute>()
            .Select(rule => new V1ValidationRule { Rule = rule.Rule, Message = rule.Message })
            .ToList();
        return nameRules.Count == 0
            ? new V1JSONSchemaProps { Type = "object" }
            : new V1JSONSchemaProps
            {
                Type = "object",
                Properties = new Dictionary<string, V1JSONSchemaProps>
                {
                    ["name"] = new() { Type = "string", XKubernetesValidations = nameRules },
                },
            };
    }

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    private static void ApplyScalarConstraints(PropertyInfo property, V1JSONSchemaProps schema)
    {
        var pattern = property.GetCustomAttribute<PatternAttribute>();
        var length = property.GetCustomAttribute<LengthAttribute>();
        var minimum = property.GetCustomAttribute<RangeMinimumAttribute>();
        var maximum = property.GetCustomAttribute<RangeMaximumAttribute>();
        var format = property.GetCustomAttribute<FormatAttribute>();
        if (schema.Type is "object" or "array" && new Attribute?[] { pattern, length, minimum, maximum, format }.Any(a => a is not null))
        {
            throw new InvalidOperationException(
                $"{property.DeclaringType?.Name}.{property.Name}: [Pattern], [Length], [RangeMinimum], [RangeMaximum] and [Format] " +
                "only apply to scalar fields or lists of scalars");
        }

        schema.Pattern = pattern?.RegexPattern ?? schema.Pattern;
        schema.MinLength = length?.MinLength;
        schema.MaxLength = length?.MaxLength;
        schema.Minimum = minimum?.Minimum;
        schema.ExclusiveMinimum = minimum?.ExclusiveMinimum == true ? true : null;
        schema.Maximum = maximum?.Maximum;
        schema.ExclusiveMaximum = maximum?.ExclusiveMaximum == true ? true : null;
        schema.Format = format?.Format ?? schema.Format;
    }

    private static void ApplyListConstraints(PropertyInfo property, V1JSONSchemaProps schema, bool isArray, string path)
    {
        var items = property.GetCustomAttribute<ItemsAttribute>();
        var listType = property.GetCustomAttribute<ListTypeAttribute>();
        var mapKeys = property.GetCustomAttribute<ListMapKeysAttribute>();
        if (!isArray && (items ?? listType ?? (Attribute?)mapKeys) is not null)
        {
            throw new InvalidOperationException($"{path}: [Items], [ListType] and [ListMapKeys] only apply to lists");
        }

        schema.MinItems = items?.MinItems;
        schema.MaxItems = items?.MaxItems;
        schema.XKubernetesListType = listType?.ListType.ToString().ToLowerInvariant();
        if ((listType?.ListType == ListType.Map) != (mapKeys is not null))
        {
            throw new InvalidOperationException($"{path}: [ListMapKeys] goes together with [ListType(ListType.Map)]");
        }

        if (mapKeys is not null)
        {
            var itemProperties = ((V1JSONSchemaProps)schema.Items).Properties;
            var unknown = mapKeys.Keys.Where(k => !itemProperties.ContainsKey(k)).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException($"{path}: list map keys {string.Join(", ", unknown)} are not fields of the items");
            }

            schema.XKubernetesListMapKeys = [.. mapKeys.Keys];
        }
    }

    // A transition rule on the field itself only runs when both the old and the new object have
    // it, so adding or removing an optional immutable field needs a rule on the enclosing object.
    private static V1ValidationRule? PresenceRule(PropertyInfo property, string name, string path)
    {
        var immutable = property.GetCustomAttribute<ImmutableAttribute>();
        if (immutable is null || immutable.Unless is not null || property.GetCustomAttribute<DefaultValueAttribute>() is not null)
        {
            return null;
        }

        return immutable.OnceSet
            ? new V1ValidationRule
            {
                Rule = $"!has(oldSelf.{name}) || has(self.{name})",
                FieldPath = $".{name}",
                Message = $"{path} cannot be removed once set",
            }
            : new V1ValidationRule
            {
                Rule = $"has(self.{name}) == has(oldSelf.{name})",
                FieldPath = $".{name}",
                Message = $"{path} is immutable: it cannot be added or removed after creation",
            };
    }

    // Immutable unless a condition on the enclosing object holds: one rule there covers changing, adding and removing.
    private static V1ValidationRule? ConditionalImmutabilityRule(PropertyInfo property, string name, string path)
    {
        if (property.GetCustomAttribute<ImmutableAttribute>() is not { Unless: { } unless } immutable)
        {
            return null;
        }

        return new V1ValidationRule
        {
            Rule = $"({unless}) || (has(self.{name}) == has(oldSelf.{name}) && (!has(self.{name}) || self.{name} == oldSelf.{name}))",
            FieldPath = $".{name}",
            Message = $"{path} is immutable" + (immutable.Because is null ? "" : $": {immutable.Because}"),
        };
    }

    private static V1ValidationRule ToRule(ValidationRuleAttribute rule)
    {
        if (rule.Message is null && rule.MessageExpression is null)
        {
            throw new InvalidOperationException($"CEL rule '{rule.Rule}' needs a message that tells the user what is wrong");
        }

        return new V1ValidationRule
        {
            Rule = rule.Rule,
            FieldPath = rule.FieldPath,
            Message = rule.Message,
            MessageExpression = rule.MessageExpression,
            Reason = rule.Reason,
        };
    }

    private static void AddRules(V1JSONSchemaProps schema, IReadOnlyCollection<V1ValidationRule> rules)
    {
        if (rules.Count > 0)
        {
            schema.XKubernetesValidations = [.. schema.XKubernetesValidations ?? [], .. rules];
        }
    }

    // Client library models carry none of our attributes or docs: only the ones mapped explicitly are allowed.
    private static bool IsOwnObjectType(Type type) =>
        type.IsClass && type != typeof(string) && type.Assembly != typeof(V1Condition).Assembly;

    // A property's own summary, else (for an object) its type's: spec and status are declared on
    // the generic base and described by the summary of each resource's spec and status class.
    private string Describe(MemberInfo member, Type type) =>
        documentation.Summary(member)
        ?? (IsOwnObjectType(type) ? documentation.Summary(type) : null)
        ?? throw new InvalidOperationException(
            $"{(member is Type ? member.Name : $"{member.DeclaringType?.Name}.{member.Name}")} has no XML <summary>: every CRD field needs a description for kubectl explain");

    private static string EnumName(Enum value)
    {
        var field = value.GetType().GetField(value.ToString())!;
        return field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name;
    }
}
