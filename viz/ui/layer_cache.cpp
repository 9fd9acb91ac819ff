#include "viz/ui/layer_cache.h"

namespace tela::viz {

namespace {

AtlasSignature current_atlas() {
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  const ImVec2 white = atlas.TexUvWhitePixel;
  const ImVec4 line = atlas.TexUvLines[1];
  return {{white.x, white.y, line.x, line.y, line.z, line.w}, atlas.TexWidth, atlas.TexHeight, ImGui::GetFontSize()};
}

}  // namespace

bool LayerCache::replay(ImDrawList* dl, const LayerKey& key) {
  if (!valid_ || !(key == key_) || !(atlas_ == current_atlas())) return false;
  ++replays_;
  if (vertices_.empty()) return true;
  const unsigned int base = dl->_VtxCurrentIdx;
  dl->PrimReserve(int(indices_.size()), int(vertices_.size()));
  std::memcpy(dl->_VtxWritePtr, vertices_.data(), vertices_.size() * sizeof(ImDrawVert));
  for (size_t i = 0; i < indices_.size(); ++i) dl->_IdxWritePtr[i] = static_cast<ImDrawIdx>(indices_[i] + base);
  dl->_VtxWritePtr += vertices_.size();
  dl->_IdxWritePtr += indices_.size();
  dl->_VtxCurrentIdx += unsigned(vertices_.size());
  return true;
}

void LayerCache::begin(ImDrawList* dl) {
  valid_ = false;
  commands_ = dl->CmdBuffer.Size;
  first_vertex_ = dl->VtxBuffer.Size;
  first_index_ = dl->IdxBuffer.Size;
  base_ = dl->_VtxCurrentIdx;
}

void LayerCache::end(ImDrawList* dl, LayerKey key) {
  if (dl->CmdBuffer.Size != commands_) return;
  vertices_.assign(dl->VtxBuffer.Data + first_vertex_, dl->VtxBuffer.Data + dl->VtxBuffer.Size);
  indices_.resize(size_t(dl->IdxBuffer.Size - first_index_));
  for (size_t i = 0; i < indices_.size(); ++i) indices_[i] = static_cast<ImDrawIdx>(dl->IdxBuffer.Data[first_index_ + int(i)] - base_);
  key_ = std::move(key);
  atlas_ = current_atlas();
  valid_ = true;
}

}  // namespace tela::viz
