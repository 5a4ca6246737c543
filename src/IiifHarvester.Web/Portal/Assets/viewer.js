// Opens Mirador on our re-served manifest at the chosen canvas, zoomed to the hit's region, with the same search
// running in its search panel. Configuration comes from the data attributes the server wrote on #viewer.
(function () {
  'use strict';
  function start() {
    var element = document.getElementById('viewer');
    if (!element || !window.Mirador) { return; }
    var data = element.dataset;
    var win = { id: 'object', manifestId: data.manifest, allowClose: false, allowMaximize: false, thumbnailNavigationPosition: 'far-bottom' };
    if (data.canvas) { win.canvasId = data.canvas; }
    if (data.query) {
      win.defaultSearchQuery = data.query;
      win.sideBarOpen = true;
    }
    if (data.xywh) {
      var p = data.xywh.split(',').map(Number);
      if (p.length === 4 && p.every(isFinite) && p[2] > 0 && p[3] > 0) {
        // OpenSeadragon's zoom is the viewport width as a fraction of world units: show the region with room around it.
        var aspect = element.clientWidth > 0 ? element.clientHeight / element.clientWidth : 0.6;
        var span = Math.max(p[2], p[3] / (aspect || 0.6)) * 3;
        win.initialViewerConfig = { x: p[0] + p[2] / 2, y: p[1] + p[3] / 2, zoom: 1 / span };
      }
    }
    window.portalViewer = window.Mirador.viewer({
      id: 'viewer',
      windows: [win],
      workspaceControlPanel: { enabled: false },
      workspace: { showZoomControls: true, allowNewWindows: false },
      window: { allowClose: false, allowMaximize: false, sideBarOpenByDefault: !!data.query }
    });
    // The search panel is chosen once the manifest, and with it its search service, is known: naming it before
    // asks the side bar for a tab it does not have yet.
    var actions = window.Mirador.actions;
    if (data.query && actions && actions.updateWindow) {
      var store = window.portalViewer.store;
      var unsubscribe = store.subscribe(function () {
        var manifest = store.getState().manifests[data.manifest];
        if (manifest && manifest.json) {
          unsubscribe();
          store.dispatch(actions.updateWindow('object', { sideBarPanel: 'search' }));
        }
      });
    }
  }
  if (document.readyState !== 'loading') { start(); } else { document.addEventListener('DOMContentLoaded', start); }
}());
