package io.dbrefresh.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import software.amazon.awscdk.assertions.Template;

/** Every policy statement a synthesized template holds, wherever it sits, for the least-privilege tests. */
final class TemplateStatements {

    /**
     * One statement.
     *
     * @param logicalId the resource holding it
     * @param type      its CloudFormation type
     */
    record Statement(String logicalId, String type, Map<String, Object> body) {

        boolean allows() {
            return "Allow".equals(body.get("Effect"));
        }

        List<String> actions() {
            return strings(body.get("Action"));
        }

        /** Resources as they appear, intrinsic functions rendered by {@link Object#toString()}. */
        List<Object> resources() {
            Object r = body.get("Resource");
            if (r == null) {
                return List.of();
            }
            return r instanceof List<?> l ? new ArrayList<>(l) : List.of(r);
        }

        /** Resources flattened: {@code Fn::Join} joined, {@code Ref} as ${Name}, {@code Fn::GetAtt} as ${Id.Attr}. */
        List<String> flatResources() {
            return resources().stream().map(TemplateStatements::flatten).toList();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> condition() {
            Object c = body.get("Condition");
            return c == null ? Map.of() : (Map<String, Object>) c;
        }
    }

    private TemplateStatements() {
    }

    /** Identity policies (inline and attached), and bucket, topic and key policies. */
    @SuppressWarnings("unchecked")
    static List<Statement> all(Template template) {
        List<Statement> out = new ArrayList<>();
        Map<String, Object> resources = (Map<String, Object>) template.toJSON().get("Resources");
        resources.forEach((id, value) -> {
            Map<String, Object> resource = (Map<String, Object>) value;
            String type = (String) resource.get("Type");
            Map<String, Object> props = (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
            switch (type) {
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::S3::BucketPolicy", "AWS::SNS::TopicPolicy" ->
                        addDocument(out, id, type, props.get("PolicyDocument"));
                case "AWS::KMS::Key" -> addDocument(out, id, type, props.get("KeyPolicy"));
                case "AWS::IAM::Role" -> {
                    for (Object p : (List<Object>) props.getOrDefault("Policies", List.of())) {
                        addDocument(out, id, type, ((Map<String, Object>) p).get("PolicyDocument"));
                    }
                }
                default -> {
                }
            }
        });
        return out;
    }

    /** The identity-policy statements attached to the role with this logical id. */
    @SuppressWarnings("unchecked")
    static List<Statement> ofRole(Template template, String roleLogicalId) {
        List<Statement> out = new ArrayList<>();
        Map<String, Object> resources = (Map<String, Object>) template.toJSON().get("Resources");
        resources.forEach((id, value) -> {
            Map<String, Object> resource = (Map<String, Object>) value;
            Map<String, Object> props = (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
            if ("AWS::IAM::Policy".equals(resource.get("Type"))
                    && ((List<Object>) props.get("Roles")).contains(Map.of("Ref", roleLogicalId))) {
                addDocument(out, id, "AWS::IAM::Policy", props.get("PolicyDocument"));
            }
            if (id.equals(roleLogicalId)) {
                for (Object p : (List<Object>) props.getOrDefault("Policies", List.of())) {
                    addDocument(out, id, "AWS::IAM::Role", ((Map<String, Object>) p).get("PolicyDocument"));
                }
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void addDocument(List<Statement> out, String id, String type, Object document) {
        if (document == null) {
            return;
        }
        for (Object s : (List<Object>) ((Map<String, Object>) document).get("Statement")) {
            out.add(new Statement(id, type, (Map<String, Object>) s));
        }
    }

    /** A CloudFormation value as one string: joins joined, references as ${...}. */
    @SuppressWarnings("unchecked")
    static String flatten(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Map<?, ?> m) {
            if (m.containsKey("Ref")) {
                return "${" + m.get("Ref") + "}";
            }
            if (m.containsKey("Fn::GetAtt")) {
                List<Object> att = (List<Object>) m.get("Fn::GetAtt");
                return "${" + att.get(0) + "." + att.get(1) + "}";
            }
            if (m.containsKey("Fn::Join")) {
                List<Object> join = (List<Object>) m.get("Fn::Join");
                return ((List<Object>) join.get(1)).stream().map(TemplateStatements::flatten)
                        .collect(Collectors.joining((String) join.get(0)));
            }
        }
        return String.valueOf(value);
    }

    static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l.stream().map(Object::toString).toList();
        }
        return List.of(value.toString());
    }
}
