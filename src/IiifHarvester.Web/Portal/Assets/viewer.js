// Opens Mirador on our re-served manifest at the chosen canvas, zoomed to the hit's region (or, on a recording, cued
// to the hit's moment), with the same search running in its search panel. Configuration comes from the data
// attributes the server wrote on #viewer.
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
      // Left alone, the side bar opens on a 'search' tab it does not have until the manifest names its search
      // service (MUI logs that the Tabs value is invalid). It opens on 'info' and turns to 'search' below.
      win.sideBarPanel = 'info';
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
    }, plugins(window.Mirador));
    repairMarkup(element);
    var start = data.t ? Number(data.t) : NaN;
    if (isFinite(start) && start >= 0) { cue(element, start); }
    // The default search runs in the left companion window whatever it shows; once the manifest is in, that
    // window shows the search, and its results.
    var showSearch = window.Mirador.addOrUpdateCompanionWindow;
    if (data.query && showSearch) {
      var store = window.portalViewer.store;
      var unsubscribe = store.subscribe(function () {
        var manifest = store.getState().manifests[data.manifest];
        if (manifest && manifest.json) {
          unsubscribe();
          store.dispatch(showSearch('object', { content: 'search', position: 'left' }));
        }
      });
    }
  }

  // Mirador 4.0.0 plays a recording in a plain <audio> or <video> and keeps no time of its own, so there is no
  // setting to open one at a moment. Each media element that appears is cued to it instead, once it knows its
  // duration (setting currentTime any earlier is lost when the metadata loads). It is not played.
  function cue(root, seconds) {
    var cued = [];
    function find() {
      root.querySelectorAll('audio, video').forEach(function (media) {
        if (cued.indexOf(media) >= 0) { return; }
        cued.push(media);
        var seek = function () { media.currentTime = Math.min(seconds, isFinite(media.duration) ? media.duration : seconds); };
        if (media.readyState >= 1) { seek(); } else { media.addEventListener('loadedmetadata', seek, { once: true }); }
      });
    }
    find();
    new MutationObserver(find).observe(root, { childList: true, subtree: true });
  }

  // Mirador 4.0.0 renders two pieces of markup that are wrong ARIA (axe-core: aria-allowed-attr, list,
  // nested-interactive), and neither a plugin nor a theme can change them without a copy of React, which the
  // bundled mirador.min.js does not expose. They are repaired in the DOM as React writes them; React leaves the
  // repaired attributes alone, since the props it wrote them from do not change, and a remounted element is
  // repaired again.
  //  - The side bar's tab strip (WindowSideBarButtons) passes aria-orientation to MUI Tabs' root, a div without a
  //    role, where ARIA does not allow it; MUI already puts it on the role="tablist" inside. It is dropped from the
  //    div (and moved to the tablist, should that ever lack it).
  //  - Each search hit that is not selected (SearchHit) is a MUI ListItem rendered as a ListItemButton: a
  //    <div role="button"> straight inside the hit list's <ul>, so the list has non-item children, and the hit's
  //    "more" button is a button inside a button. The div becomes the list item (role="listitem", no longer a tab
  //    stop) and the hit's heading (its number and page label) becomes the button that selects it: focusable, named
  //    by its text, described by the snippet, Enter and Space press it like a native button. Its click bubbles to
  //    the item's own handler, so a mouse click anywhere in the hit still selects it, and "more" is a separate
  //    button beside the heading instead of inside it. The selected hit is already an <li> with no button role.
  function repairMarkup(root) {
    var described = 0;
    function repair() {
      root.querySelectorAll('[aria-orientation]:not([role])').forEach(function (element) {
        var tablist = element.querySelector('[role="tablist"]');
        if (tablist && !tablist.hasAttribute('aria-orientation')) {
          tablist.setAttribute('aria-orientation', element.getAttribute('aria-orientation'));
        }
        element.removeAttribute('aria-orientation');
      });
      root.querySelectorAll('ul > .MuiListItemButton-root[role="button"]').forEach(function (hit) {
        var heading = hit.querySelector('.MuiListItemText-primary');
        if (!heading) { return; }
        var snippet = hit.querySelector('.MuiListItemText-secondary');
        hit.setAttribute('role', 'listitem');
        hit.removeAttribute('tabindex');
        heading.setAttribute('role', 'button');
        heading.setAttribute('tabindex', '0');
        heading.setAttribute('data-portal-hit-control', '');
        if (snippet) {
          snippet.id = snippet.id || 'portal-hit-snippet-' + (++described);
          heading.setAttribute('aria-describedby', snippet.id);
        }
      });
    }
    // Like a native button, and as the WAI-ARIA Authoring Practices' button pattern asks: Enter presses it as the
    // key goes down, Space as it comes up.
    root.addEventListener('keydown', function (event) {
      if (!event.target.hasAttribute || !event.target.hasAttribute('data-portal-hit-control')) { return; }
      if (event.key === 'Enter') { event.preventDefault(); event.target.click(); }
      if (event.key === ' ') { event.preventDefault(); }
    });
    root.addEventListener('keyup', function (event) {
      if (event.key === ' ' && event.target.hasAttribute && event.target.hasAttribute('data-portal-hit-control')) {
        event.preventDefault();
        event.target.click();
      }
    });
    repair();
    new MutationObserver(repair).observe(root, { childList: true, subtree: true });
  }

  // Mirador 4.0.0 asks for the same search twice when a window opens at a query: once for defaultSearchQuery (its
  // windows saga) and again when the search panel's controls mount, which they also do on every return to the
  // search tab. Its searches reducer takes the second REQUEST_SEARCH of the same query for paging and replaces the
  // loaded page by { isFetching: true }, so the hits already listed look for annotations no longer in the state
  // and SearchHit throws "Cannot read properties of undefined (reading 'targetId')" (ProjectMirador/mirador#4214,
  // #4229). A page already loaded or on its way is kept until the new answer replaces it, hits and annotations
  // together.
  function plugins(mirador) {
    var core = mirador.searchesReducer;
    var requestSearch = mirador.ActionTypes && mirador.ActionTypes.REQUEST_SEARCH;
    if (!core || !requestSearch) { return []; }
    return [{
      name: 'portal-keep-loaded-search-pages',
      reducers: {
        searches: function (state, action) {
          if (state && action.type === requestSearch) {
            var search = (state[action.windowId] || {})[action.companionWindowId];
            var page = search && search.query === action.query && search.data && search.data[action.searchId];
            if (page && (page.json || page.isFetching)) { return state; }
          }
          return core(state, action);
        }
      }
    }];
  }
  if (document.readyState !== 'loading') { start(); } else { document.addEventListener('DOMContentLoaded', start); }
}());
