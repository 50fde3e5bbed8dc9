#include "ui/server_api.hpp"

#include "ui/i18n.hpp"

namespace crm::ui {

ApiReply parse_reply(const HttpResponse& response) {
    ApiReply reply;
    reply.status = response.status;
    if (!response.body.empty()) {
        reply.body = nlohmann::json::parse(response.body, nullptr, false);
        if (reply.body.is_discarded()) reply.body = nullptr;
    }
    if (reply.ok()) return reply;
    if (reply.status == 0) {
        reply.error_code = "unreachable";
        return reply;
    }
    reply.error_code = "server";
    if (!reply.body.is_object()) return reply;
    auto error = reply.body.find("error");
    // The wait may sit beside the error or inside it; either is read.
    for (const nlohmann::json* holder : {&reply.body, error != reply.body.end() ? &*error : nullptr}) {
        if (!holder || !holder->is_object()) continue;
        if (auto retry = holder->find("retry_after"); retry != holder->end() && retry->is_number())
            reply.retry_after = static_cast<int>(retry->get<double>() + 0.999);
    }
    if (error == reply.body.end() || !error->is_object()) return reply;
    reply.error_code = error->value("code", "server");
    if (auto message = error->find("message"); message != error->end() && message->is_string())
        reply.error_message = message->get<std::string>();
    if (auto fields = error->find("fields"); fields != error->end() && fields->is_array()) {
        for (const auto& field : *fields) {
            if (!field.is_object()) continue;
            FieldError problem{field.value("field", ""), field.value("code", "invalid"), 0};
            if (auto limit = field.find("limit"); limit != field.end() && limit->is_number_integer())
                problem.limit = limit->get<int>();
            reply.fields.push_back(std::move(problem));
        }
    }
    return reply;
}

std::string describe_failure(const ApiReply& reply) {
    if (reply.error_code == "unreachable") return tr("server.unreachable");
    if (reply.status == 403) return tr("server.forbidden");
    if (reply.status == 401) return tr("server.unauthorized");
    if (!reply.error_message.empty()) return reply.error_message;
    return trf("server.failed", {std::to_string(reply.status)});
}

void ServerApi::send(std::string method, std::string path, const nlohmann::json& body,
                     std::function<void(const ApiReply&)> done, bool with_token) {
    std::string text = body.is_null() ? std::string() : body.dump();
    const bool authenticated = with_token && !token_.empty();
    platform_.http(std::move(method), std::move(path), std::move(text), authenticated ? token_ : std::string(),
                   [this, authenticated, done = std::move(done)](HttpResponse response) {
                       ApiReply reply = parse_reply(response);
                       done(reply);
                       if (authenticated && reply.status == 401 && unauthorized_) unauthorized_();
                   });
}

}  // namespace crm::ui
