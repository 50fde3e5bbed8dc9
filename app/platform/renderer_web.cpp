#include "platform/renderer_web.hpp"

#include <GLES3/gl3.h>
#include <imgui.h>

#include <cstdint>
#include <string>

#include "platform/web_bridge.hpp"

namespace crm::platform::renderer {

namespace {

// The vertex's attributes at fixed locations, so that nothing is looked up after linking.
constexpr const char* kVertexShader = R"(#version 300 es
precision highp float;
layout (location = 0) in vec2 position;
layout (location = 1) in vec2 uv;
layout (location = 2) in vec4 color;
uniform mat4 projection;
out vec2 frag_uv;
out vec4 frag_color;
void main() {
    frag_uv = uv;
    frag_color = color;
    gl_Position = projection * vec4(position, 0.0, 1.0);
}
)";

constexpr const char* kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D atlas;
in vec2 frag_uv;
in vec4 frag_color;
layout (location = 0) out vec4 out_color;
void main() {
    out_color = frag_color * texture(atlas, frag_uv);
}
)";

struct State {
    GLuint program = 0;
    GLint projection = -1;
    GLuint vertex_array = 0;
    GLuint vertices = 0;
    GLuint indices = 0;
    GLsizeiptr vertices_capacity = 0;  // bytes, grown as lists need
    GLsizeiptr indices_capacity = 0;
    GLuint font_texture = 0;
};

State g_state;

GLuint compile(GLenum kind, const char* source, const char* what) {
    const GLuint shader = glCreateShader(kind);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint compiled = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &compiled);
    if (compiled == GL_TRUE) return shader;
    char log[512] = {};
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    report_error((std::string("WebGL refused the ") + what + " shader: " + log).c_str());
    glDeleteShader(shader);
    return 0;
}

// Only ImGui draws into this context, so the state it needs is set once, here.
void set_fixed_state() {
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glActiveTexture(GL_TEXTURE0);
    glUseProgram(g_state.program);
    glUniform1i(glGetUniformLocation(g_state.program, "atlas"), 0);
    glBindVertexArray(g_state.vertex_array);
    glBindBuffer(GL_ARRAY_BUFFER, g_state.vertices);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g_state.indices);
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    const auto offset = [](size_t bytes) { return reinterpret_cast<const void*>(bytes); };
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), offset(offsetof(ImDrawVert, col)));
}

// Grows a bound buffer to hold `bytes` (never shrinks) and writes `data` at its start.
void upload(GLenum target, GLsizeiptr& capacity, GLsizeiptr bytes, const void* data) {
    if (capacity < bytes) {
        capacity = bytes + bytes / 2;
        glBufferData(target, capacity, nullptr, GL_STREAM_DRAW);
    }
    glBufferSubData(target, 0, bytes, data);
}

}  // namespace

bool init() {
    g_state = State{};  // after a lost context, the old names mean nothing
    const GLuint vertex = compile(GL_VERTEX_SHADER, kVertexShader, "vertex");
    const GLuint fragment = compile(GL_FRAGMENT_SHADER, kFragmentShader, "fragment");
    if (!vertex || !fragment) return false;
    g_state.program = glCreateProgram();
    glAttachShader(g_state.program, vertex);
    glAttachShader(g_state.program, fragment);
    glLinkProgram(g_state.program);
    glDeleteShader(vertex);  // flagged; freed with the program
    glDeleteShader(fragment);
    GLint linked = GL_FALSE;
    glGetProgramiv(g_state.program, GL_LINK_STATUS, &linked);
    if (linked != GL_TRUE) {
        char log[512] = {};
        glGetProgramInfoLog(g_state.program, sizeof log, nullptr, log);
        report_error((std::string("WebGL refused to link the shaders: ") + log).c_str());
        return false;
    }
    g_state.projection = glGetUniformLocation(g_state.program, "projection");
    glGenVertexArrays(1, &g_state.vertex_array);
    glGenBuffers(1, &g_state.vertices);
    glGenBuffers(1, &g_state.indices);
    set_fixed_state();

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "crm_webgl2";
    // No ImGuiBackendFlags_RendererHasVtxOffset: WebGL 2 has no base vertex, so a draw list
    // must stay under 65,536 vertices (16-bit indices), as with ImGui's own backend on WebGL.
    return true;
}

void upload_fonts() {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    if (g_state.font_texture) glDeleteTextures(1, &g_state.font_texture);
    glGenTextures(1, &g_state.font_texture);
    glBindTexture(GL_TEXTURE_2D, g_state.font_texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(g_state.font_texture)));
}

void render(const ImDrawData& draw_data, int framebuffer_width, int framebuffer_height) {
    glViewport(0, 0, framebuffer_width, framebuffer_height);
    glDisable(GL_SCISSOR_TEST);  // the clear covers the whole canvas
    glClearColor(0.97f, 0.97f, 0.98f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (framebuffer_width <= 0 || framebuffer_height <= 0 || draw_data.CmdListsCount == 0) return;
    glEnable(GL_SCISSOR_TEST);

    // ImGui's coordinates (DisplayPos at the top left) to clip space, y pointing down.
    const float left = draw_data.DisplayPos.x;
    const float right = left + draw_data.DisplaySize.x;
    const float top = draw_data.DisplayPos.y;
    const float bottom = top + draw_data.DisplaySize.y;
    const float projection[16] = {
        2.0f / (right - left),           0.0f,                            0.0f,  0.0f,
        0.0f,                            2.0f / (top - bottom),           0.0f,  0.0f,
        0.0f,                            0.0f,                            -1.0f, 0.0f,
        (right + left) / (left - right), (top + bottom) / (bottom - top), 0.0f,  1.0f,
    };
    glUniformMatrix4fv(g_state.projection, 1, GL_FALSE, projection);

    const ImVec2 offset = draw_data.DisplayPos;
    const ImVec2 scale = draw_data.FramebufferScale;
    ImTextureID bound = nullptr;
    for (int list_index = 0; list_index < draw_data.CmdListsCount; ++list_index) {
        const ImDrawList& list = *draw_data.CmdLists[list_index];
        upload(GL_ARRAY_BUFFER, g_state.vertices_capacity, list.VtxBuffer.Size * GLsizeiptr{sizeof(ImDrawVert)},
               list.VtxBuffer.Data);
        upload(GL_ELEMENT_ARRAY_BUFFER, g_state.indices_capacity, list.IdxBuffer.Size * GLsizeiptr{sizeof(ImDrawIdx)},
               list.IdxBuffer.Data);
        for (const ImDrawCmd& command : list.CmdBuffer) {
            if (command.UserCallback) {
                // Nothing of ours adds callbacks; ImDrawCallback_ResetRenderState has nothing
                // to reset, since no one else changes the state.
                if (command.UserCallback != ImDrawCallback_ResetRenderState) command.UserCallback(&list, &command);
                continue;
            }
            const ImVec2 clip_min((command.ClipRect.x - offset.x) * scale.x, (command.ClipRect.y - offset.y) * scale.y);
            const ImVec2 clip_max((command.ClipRect.z - offset.x) * scale.x, (command.ClipRect.w - offset.y) * scale.y);
            if (clip_max.x <= clip_min.x || clip_max.y <= clip_min.y) continue;
            // GL's scissor counts y from the bottom.
            glScissor(static_cast<GLint>(clip_min.x), static_cast<GLint>(static_cast<float>(framebuffer_height) - clip_max.y),
                      static_cast<GLsizei>(clip_max.x - clip_min.x), static_cast<GLsizei>(clip_max.y - clip_min.y));
            if (command.GetTexID() != bound) {
                bound = command.GetTexID();
                glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<intptr_t>(bound)));
            }
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(command.ElemCount),
                           sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                           reinterpret_cast<const void*>(command.IdxOffset * sizeof(ImDrawIdx)));
        }
    }
}

}  // namespace crm::platform::renderer
